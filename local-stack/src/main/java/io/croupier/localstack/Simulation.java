package io.croupier.localstack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.net.URI;
import java.net.URLDecoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.UUID;
import java.util.regex.Pattern;

import io.croupier.secrets.webhook.WebhookSignatures;

/**
 * Drives realistic traffic through the whole platform the way the seed 000 simulator's {@code --auto} mode does:
 * visitors click publishers' links, about 60 % register, 60 % of those make a first deposit, half of the depositors
 * come back for more, and the RevShare house reports profit. Each casino reports in its own seed's format. Every
 * request goes through the seed-compatible front door, as the casinos' and publishers' own requests would.
 */
final class Simulation {

    private static final Pattern CLICK_ID = Pattern.compile("[0-9A-HJKMNP-TV-Z]{26}");

    private static final List<String> AFFILIATES = List.of("joao123", "maria456", "teste123", "offerwall");

    /** The ad campaigns the visitors come from; seed 002's analytics reports ROAS and ARPDAU per campaign. */
    static final List<String> CAMPAIGNS = List.of("autumn-search", "autumn-social");

    private final HttpClient http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();

    private final Random random = new Random(20251213);

    private final String edgeUrl;

    private final CasinoCredentials credentials;

    private final Map<String, Long> clicksByOffer = new TreeMap<>();

    private final Map<String, Long> postbacksByOutcome = new TreeMap<>();

    private final List<SimulatedPlayer> players = new ArrayList<>();

    Simulation(String edgeUrl, CasinoCredentials credentials) {
        this.edgeUrl = edgeUrl;
        this.credentials = credentials;
    }

    SimulationSummary run(int visitors, DemoPublisher demoPublisher, LedgerTap ledger) {
        Instant started = Instant.now();
        int forwardedBefore = demoPublisher.received().size();
        for (int visitor = 0; visitor < visitors; visitor++) {
            visit(AFFILIATES.get(visitor % AFFILIATES.size()), CAMPAIGNS.get(visitor / 2 % CAMPAIGNS.size()));
        }
        awaitQuiet(demoPublisher, ledger);
        return new SimulationSummary(Duration.between(started, Instant.now()), clicksByOffer, postbacksByOutcome,
                ledger.entries(), ledger.revenueByCurrency(), ledger.publisherPayoutsByCurrency(),
                demoPublisher.received().size() - forwardedBefore);
    }

    /** The players of the gaming platform (seed 000) the simulation registered, with their deposits. */
    List<SimulatedPlayer> players() {
        return List.copyOf(players);
    }

    private void visit(String affiliate, String campaign) {
        HttpResponse<String> redirect = get("/click?source=simulation&campaign=" + campaign + "&pub=" + affiliate);
        String location = redirect.headers().firstValue("Location").orElse("");
        if (redirect.statusCode() != 302 || location.isEmpty()) {
            clicksByOffer.merge("(no redirect: " + redirect.statusCode() + ")", 1L, Long::sum);
            return;
        }
        String clickId = clickIdIn(location);
        String host = URI.create(location).getHost();
        clicksByOffer.merge(host, 1L, Long::sum);
        if (random.nextDouble() >= 0.6) {
            return;
        }
        String player = "sim_" + UUID.randomUUID().toString().substring(0, 8);
        boolean deposits = random.nextDouble() < 0.6;
        int repeatDeposits = deposits && random.nextBoolean() ? 1 + random.nextInt(3) : 0;
        switch (host) {
            case "brazino.example", "bet365.example" -> houseJourney(host.substring(0, host.indexOf('.')), affiliate,
                    deposits, repeatDeposits);
            case "casino-pro.example" -> gamingPlatformJourney("casino_pro", clickId,
                    new SimulatedPlayer(player, campaign), deposits, repeatDeposits);
            case "sigma-casino.example" -> gamingPlatformJourney(DemoData.SIGNED_PLATFORM, clickId,
                    new SimulatedPlayer(player, campaign), deposits, repeatDeposits);
            case "surveys.example" -> surveyCompletion(clickId);
            default -> offerRouterFtd(clickId, host, player, deposits);
        }
    }

    /**
     * Seed 003: the house knows only the affiliate's sub id. Simulated players of one affiliate arrive faster than any
     * real house would report them, so each call carries the optional {@code transaction_id} that tells a second
     * player from a retry (see postback-service's README).
     */
    private void houseJourney(String house, String affiliate, boolean deposits, int repeatDeposits) {
        String base = "/api/postback/" + house + "/";
        record("seed 003", get(base + "registration?subid=" + affiliate + "&amount=0" + transaction()));
        if (!deposits) {
            return;
        }
        record("seed 003", get(base + "deposit?subid=" + affiliate + "&amount=" + money(20, 200) + transaction()));
        for (int i = 0; i < repeatDeposits; i++) {
            record("seed 003", get(base + "deposit?subid=" + affiliate + "&amount=" + money(10, 100) + transaction()));
        }
        if ("bet365".equals(house)) {
            record("seed 003", get(base + "profit?subid=" + affiliate + "&amount=" + money(10, 150) + transaction()));
        }
    }

    private static String transaction() {
        return "&transaction_id=sim-" + UUID.randomUUID();
    }

    /**
     * Seed 000: registration and deposit webhooks for a player id, linked to the click at registration. The signed
     * platform signs each one with Standard Webhooks headers.
     */
    private void gamingPlatformJourney(String platform, String clickId, SimulatedPlayer player, boolean deposits,
            int repeatDeposits) {
        String format = DemoData.SIGNED_PLATFORM.equals(platform) ? "seed 000 signed" : "seed 000";
        record(format, webhook(platform, "/webhooks/gaming/registration", """
                {"user_id":"%s","platform":"%s","registration_method":"email","country":"BR",
                 "click_id":"%s","timestamp":"%s"}""".formatted(player.playerId(), platform, clickId, Instant.now())));
        players.add(player);
        if (!deposits) {
            return;
        }
        for (int i = 0; i <= repeatDeposits; i++) {
            String amount = money(20, 200);
            String transaction = "tx_" + UUID.randomUUID().toString().substring(0, 12);
            Instant at = Instant.now();
            HttpResponse<String> response = webhook(platform, "/webhooks/gaming/deposit", """
                    {"user_id":"%s","amount":%s,"currency":"USD","transaction_id":"%s","platform":"%s",
                     "game_type":"slots","payment_method":"credit_card","is_first_deposit":%s,"timestamp":"%s"}"""
                .formatted(player.playerId(), amount, transaction, platform, i == 0, at));
            record(format, response);
            if (response.statusCode() == 200) {
                player.deposited(transaction, new BigDecimal(amount), at);
            }
        }
    }

    private HttpResponse<String> webhook(String platform, String path, String json) {
        if (!DemoData.SIGNED_PLATFORM.equals(platform)) {
            return postJson(path, json);
        }
        String id = "msg_" + UUID.randomUUID();
        long timestamp = Instant.now().getEpochSecond();
        return send(HttpRequest.newBuilder(URI.create(edgeUrl + path))
            .header("Content-Type", "application/json")
            .header("webhook-id", id)
            .header("webhook-timestamp", Long.toString(timestamp))
            .header("webhook-signature", WebhookSignatures.sign(credentials.signedPlatformSecret().key(), id,
                    timestamp, json.getBytes(StandardCharsets.UTF_8)))
            .POST(HttpRequest.BodyPublishers.ofString(json)));
    }

    /** Seed 001: the casino reports the FTD and its payout with the offer's secret. */
    private void offerRouterFtd(String clickId, String host, String player, boolean deposits) {
        if (!deposits) {
            return;
        }
        String offerName = switch (host) {
            case "casino-alpha.example" -> "Casino Alpha";
            case "casino-beta.example" -> "Casino Beta";
            default -> "Casino Gamma";
        };
        record("seed 001", postJson("/postback", """
                {"click_id":"%s","event":"ftd","payout":%s,"secret":"%s","external_player_id":"%s"}"""
            .formatted(clickId, money(50, 150), credentials.postbackSecrets().get(offerName), player)));
    }

    /** Seed 004: an offerwall survey, sometimes reviewed (pending, then approved) and sometimes rejected. */
    private void surveyCompletion(String clickId) {
        String transaction = "TXN-" + UUID.randomUUID().toString().substring(0, 8);
        String base = "/postback/" + DemoData.PARTNER_KEY + "?click_id=" + clickId + "&payout=" + money(1, 10)
                + "&transaction_id=" + transaction + "&survey_id=SIM&status=";
        double outcome = random.nextDouble();
        if (outcome < 0.2) {
            record("seed 004", get(base + "pending"));
            record("seed 004", get(base + "approved"));
        }
        else if (outcome < 0.25) {
            record("seed 004", get(base + "rejected&reason=fraud_detected"));
        }
        else {
            record("seed 004", get(base + "approved"));
        }
    }

    /** Waits until the ledger and the demo publisher have stopped changing for a few seconds. */
    private static void awaitQuiet(DemoPublisher demoPublisher, LedgerTap ledger) {
        long deadline = System.nanoTime() + Duration.ofMinutes(2).toNanos();
        long lastChange = System.nanoTime();
        long seen = -1;
        while (System.nanoTime() < deadline && System.nanoTime() - lastChange < Duration.ofSeconds(5).toNanos()) {
            long now = ledger.entries() + demoPublisher.received().size();
            if (now != seen) {
                seen = now;
                lastChange = System.nanoTime();
            }
            try {
                Thread.sleep(250);
            }
            catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    private void record(String format, HttpResponse<String> response) {
        postbacksByOutcome.merge(format + " → " + response.statusCode(), 1L, Long::sum);
    }

    private String money(int min, int max) {
        return BigDecimal.valueOf(min + random.nextDouble() * (max - min)).setScale(2, RoundingMode.HALF_UP)
            .toPlainString();
    }

    private static String clickIdIn(String location) {
        String query = URI.create(location).getRawQuery();
        for (String pair : query == null ? new String[0] : query.split("&")) {
            String value = URLDecoder.decode(pair.substring(pair.indexOf('=') + 1), StandardCharsets.UTF_8);
            if (CLICK_ID.matcher(value).matches()) {
                return value;
            }
        }
        return "";
    }

    private HttpResponse<String> get(String pathAndQuery) {
        return send(HttpRequest.newBuilder(URI.create(edgeUrl + pathAndQuery)).GET());
    }

    private HttpResponse<String> postJson(String path, String json) {
        return send(HttpRequest.newBuilder(URI.create(edgeUrl + path))
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(json)));
    }

    private HttpResponse<String> send(HttpRequest.Builder request) {
        try {
            return http.send(request.timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());
        }
        catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }
}
