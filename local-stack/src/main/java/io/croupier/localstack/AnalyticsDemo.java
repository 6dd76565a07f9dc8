package io.croupier.localstack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.UUID;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Seed 002's analytics over the simulated day, as a casino's data team would feed it: once Croupier's own deposits of
 * the simulation have reached analytics-service, it imports the files the casino's other systems would produce about
 * the same players (generated here, consistent with the simulated traffic), sends some player events, runs the
 * pipeline for today, and reads its reports. Everything goes through the front door on seed 002's port.
 *
 * <ul>
 * <li>{@code confirmed_purchases}: the payment gateway confirms most deposits by their transaction id; some with
 * another amount, some under the gateway's own id (so only player and amount match), some not at all; two it
 * confirms are of no deposit; one confirmed deposit is charged back.</li>
 * <li>{@code purchases_raw}: the app's attribution provider reports half of the deposits again (the same
 * transactions, dropped as duplicates of Croupier's) and a few in-app purchases of its own.</li>
 * <li>{@code costs_daily}: the day's ad spend of each simulated campaign.</li>
 * <li>{@code sessions}: one to three sessions of every registered player.</li>
 * </ul>
 */
final class AnalyticsDemo {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private static final Duration PATIENCE = Duration.ofMinutes(1);

    private static final String SPEND_PER_CAMPAIGN = "400.00";

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private final Random random = new Random(20251025);

    private final String baseUrl;

    private final AdminApi operator;

    /** Imports and pipeline runs are an operator's calls, made with {@code operator}'s token. */
    AnalyticsDemo(String baseUrl, AdminApi operator) {
        this.baseUrl = baseUrl;
        this.operator = operator;
    }

    /** Croupier's deposits analytics-service has for today so far, to tell the simulation's apart. */
    long croupierDepositsToday() {
        return send(HttpRequest.newBuilder(URI.create(baseUrl + "/inputs?day=" + LocalDate.now(ZoneOffset.UTC)))
            .GET()).path("croupierDeposits").asLong();
    }

    /**
     * @param depositsBefore {@link #croupierDepositsToday()} before the simulation
     */
    AnalyticsSummary run(List<SimulatedPlayer> players, long depositsBefore) {
        LocalDate day = LocalDate.now(ZoneOffset.UTC);
        long deposits = players.stream().mapToLong(player -> player.deposits().size()).sum();
        awaitCroupierDeposits(day, depositsBefore + deposits);
        List<String> imports = new ArrayList<>();
        imports.add(importFile("confirmed_purchases", confirmations(players)));
        imports.add(importFile("purchases_raw", providerPurchases(players)));
        imports.add(importFile("costs_daily", costs(day)));
        imports.add(importFile("sessions", sessions(players)));
        long events = playerEvents(players);
        JsonNode run = send(HttpRequest.newBuilder(URI.create(baseUrl + "/run-pipeline?day=" + day))
            .POST(HttpRequest.BodyPublishers.noBody())).path("runs").get(0);
        JsonNode roas = send(HttpRequest.newBuilder(URI.create(baseUrl + "/reports/roas_d1?day=" + day)).GET());
        JsonNode arpdau = send(HttpRequest.newBuilder(URI.create(baseUrl + "/reports/arpdau_d1?day=" + day)).GET());
        return new AnalyticsSummary(day, baseUrl, imports, events, run.path("figures"), roas, arpdau);
    }

    /** Croupier's deposits reach analytics-service through attribution; the pipeline should count all of them. */
    private void awaitCroupierDeposits(LocalDate day, long expected) {
        long deadline = System.nanoTime() + PATIENCE.toNanos();
        while (System.nanoTime() < deadline) {
            JsonNode inputs = send(HttpRequest.newBuilder(URI.create(baseUrl + "/inputs?day=" + day)).GET());
            if (inputs.path("croupierDeposits").asLong() >= expected) {
                return;
            }
            pause();
        }
    }

    private String confirmations(List<SimulatedPlayer> players) {
        StringBuilder csv = new StringBuilder("transaction_id,user_id,amount,currency,processed_at,status\n");
        boolean chargedBack = false;
        for (SimulatedPlayer player : players) {
            for (SimulatedPlayer.Deposit deposit : player.deposits()) {
                Instant processed = deposit.at().plusSeconds(30 + random.nextInt(240));
                double outcome = random.nextDouble();
                if (outcome < 0.80) {
                    csv.append(row(deposit.transactionId(), player.playerId(), deposit.amount(), processed,
                            "confirmed"));
                    if (!chargedBack) {
                        csv.append(row(deposit.transactionId(), player.playerId(), deposit.amount(),
                                Instant.now().truncatedTo(ChronoUnit.SECONDS), "chargeback"));
                        chargedBack = true;
                    }
                }
                else if (outcome < 0.85) {
                    csv.append(row(deposit.transactionId(), player.playerId(), deposit.amount().add(BigDecimal.ONE),
                            processed, "confirmed"));
                }
                else if (outcome < 0.92) {
                    csv.append(row("gw-" + UUID.randomUUID(), player.playerId(), deposit.amount(), processed,
                            "confirmed"));
                }
            }
        }
        for (int i = 0; i < 2; i++) {
            csv.append(row("gw-" + UUID.randomUUID(), "walk-in-" + i, new BigDecimal("25.00"),
                    Instant.now().truncatedTo(ChronoUnit.SECONDS), "confirmed"));
        }
        return csv.toString();
    }

    private String providerPurchases(List<SimulatedPlayer> players) {
        StringBuilder csv = new StringBuilder("event_time,event_name,event_revenue,event_revenue_currency,"
                + "customer_user_id,transaction_id,media_source,campaign\n");
        for (SimulatedPlayer player : players) {
            for (SimulatedPlayer.Deposit deposit : player.deposits()) {
                if (random.nextBoolean()) {
                    csv.append(deposit.at().plusMillis(random.nextInt(2000))).append(",af_purchase,")
                        .append(deposit.amount()).append(",USD,").append(player.playerId()).append(',')
                        .append(deposit.transactionId()).append(",simulation,").append(player.campaign()).append('\n');
                }
            }
            if (random.nextDouble() < 0.3) {
                csv.append(Instant.now().minusSeconds(random.nextInt(600)).truncatedTo(ChronoUnit.SECONDS))
                    .append(",af_purchase,").append(4 + random.nextInt(6)).append(".99,USD,")
                    .append(player.playerId()).append(",app-").append(UUID.randomUUID()).append(",simulation,")
                    .append(player.campaign()).append('\n');
            }
        }
        return csv.toString();
    }

    private static String costs(LocalDate day) {
        StringBuilder csv = new StringBuilder("date,media_source,campaign,spend,currency\n");
        Simulation.CAMPAIGNS.forEach(campaign -> csv.append(day).append(",simulation,").append(campaign).append(',')
            .append(SPEND_PER_CAMPAIGN).append(",USD\n"));
        return csv.toString();
    }

    private String sessions(List<SimulatedPlayer> players) {
        StringBuilder csv = new StringBuilder("session_id,user_id,session_start,session_end,campaign\n");
        Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        for (SimulatedPlayer player : players) {
            for (int i = 0, sessions = 1 + random.nextInt(3); i < sessions; i++) {
                Instant start = now.minusSeconds(60 + random.nextInt(1800));
                csv.append("s-").append(UUID.randomUUID()).append(',').append(player.playerId()).append(',')
                    .append(start).append(',').append(start.plusSeconds(60 + random.nextInt(900))).append(',')
                    .append(player.campaign()).append('\n');
            }
        }
        return csv.toString();
    }

    /** A login event from a third of the players, as the game would send it (seed 002 POST /event). */
    private long playerEvents(List<SimulatedPlayer> players) {
        long sent = 0;
        for (SimulatedPlayer player : players) {
            if (random.nextInt(3) == 0) {
                send(HttpRequest.newBuilder(URI.create(baseUrl + "/event"))
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString("""
                            {"eventType":"login","meta":"{\\"platform\\":\\"android\\"}","playerId":"%s"}"""
                        .formatted(player.playerId()))));
                sent++;
            }
        }
        return sent;
    }

    private String importFile(String file, String csv) {
        JsonNode report = send(HttpRequest.newBuilder(URI.create(baseUrl + "/imports/" + file + "?fileName=" + file
                + ".csv"))
            .header("Content-Type", "text/csv")
            .POST(HttpRequest.BodyPublishers.ofString(csv)));
        return "%s.csv: %d rows, %d new, %d unchanged, %d conflicts, %d rejected".formatted(file,
                report.path("rows").asLong(), report.path("inserted").asLong(), report.path("unchanged").asLong(),
                report.path("conflicts").asLong(), report.path("rejected").asLong());
    }

    private static String row(String transaction, String player, BigDecimal amount, Instant at, String status) {
        return transaction + "," + player + "," + amount.toPlainString() + ",USD," + at + "," + status + "\n";
    }

    private JsonNode send(HttpRequest.Builder request) {
        try {
            HttpResponse<String> response = http.send(request.timeout(Duration.ofSeconds(60))
                .header("Authorization", "Bearer " + operator.token()).build(),
                    HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                throw new IllegalStateException(response.request().method() + " " + response.request().uri()
                        + " answered " + response.statusCode() + ": " + response.body());
            }
            return JSON.readTree(response.body());
        }
        catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    private static void pause() {
        try {
            Thread.sleep(500);
        }
        catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
