package io.croupier.localstack;

import java.lang.management.ManagementFactory;
import java.math.BigDecimal;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import tools.jackson.databind.JsonNode;

import static io.croupier.localstack.TestPlatform.JSON;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The whole platform under load, through the front door as visitors and casinos call it: clicks, then for every
 * player a registration, a first deposit that earns the publisher its CPA share and, for every fifth player, a
 * chargeback that claws it back, from 32 concurrent casinos, each player's calls in order. Measures the clicks and
 * postbacks per second and the time from a casino's deposit or chargeback postback to the publisher receiving the
 * payout it caused, then checks that the ledger and the deliveries match the input exactly. Not a test: run it on
 * purpose, see the README.
 */
@Tag("benchmark")
@ExtendWith(TestPlatform.Shared.class)
class EndToEndLoadBenchmark {

    private static final int PLAYERS = Integer.getInteger("benchmark.players", 300);

    private static final int CASINOS = Integer.getInteger("benchmark.clients", 32);

    private static final int CHARGEBACK_EVERY = 5;

    private static final BigDecimal PAYOUT = new BigDecimal("75.00");

    private static final Pattern DELIVERY = Pattern.compile("click_id=([^&]*)&payout=([^&]*)&.*reverses=([^&]*)");

    private final String run = UUID.randomUUID().toString().substring(0, 8);

    @Test
    void clicksAndConversionsThroughThePlatform(TestPlatform platform) throws Exception {
        String house = "load_casino_" + run;
        JsonNode offer = platform.create(PlatformService.CLICK, "/admin/offers", Map.of(
                "name", "Load Casino " + run,
                "casino_url", "https://load-casino.example/land?click_id={click_id}",
                "house_slug", house,
                "deal", Map.of("cpa_amount", 150, "min_deposit", 20, "currency", "USD")));
        JsonNode publisher = platform.create(PlatformService.FORWARDER, "/admin/publishers", Map.of(
                "name", "Load Publisher " + run,
                "username", "load-" + run,
                "postback_url", platform.publisher().postbackUrl()
                        + "?click_id={click_id}&payout={payout}&currency={currency}&reverses={reverses}",
                "method", "GET",
                "payout_terms", Map.of("revshare_percent", 50),
                "offer_terms", Map.of(),
                "rate_limit_per_second", 100_000,
                "offerwall", false,
                "active", true));
        List<String> clicks = new ArrayList<>(List.of(platform.click(offer, publisher, "")));
        String clickUrl = platform.edgeUrl() + "/click?offer=" + offer.path("id").asString() + "&pub="
                + publisher.path("username").asString();

        ExecutorService casinos = Executors.newFixedThreadPool(CASINOS);
        long clicksStarted = System.nanoTime();
        clicks.addAll(inParallel(casinos, PLAYERS - 1, i -> TestPlatform.clickId(platform.get(clickUrl))));
        double clickSeconds = (System.nanoTime() - clicksStarted) / 1e9;
        await().atMost(Duration.ofMinutes(5)).until(() -> clicks.stream()
            .allMatch(click -> platform.read(platform.url(PlatformService.ATTRIBUTION) + "/clicks/" + click)
                .statusCode() == 200));

        Map<String, Instant> sent = new ConcurrentHashMap<>();
        long postbacksStarted = System.nanoTime();
        List<Integer> calls = inParallel(casinos, PLAYERS, i -> convert(platform, house, clicks.get(i), i, sent));
        double postbackSeconds = (System.nanoTime() - postbacksStarted) / 1e9;
        casinos.shutdown();

        int chargebacks = (PLAYERS + CHARGEBACK_EVERY - 1) / CHARGEBACK_EVERY;
        int expectedDeliveries = PLAYERS + chargebacks;
        await().atMost(Duration.ofMinutes(5)).until(() -> deliveries(platform, clicks).size() >= expectedDeliveries);
        double lastDeliverySeconds = (System.nanoTime() - postbacksStarted) / 1e9;
        await().during(Duration.ofSeconds(5)).atMost(Duration.ofSeconds(30))
            .until(() -> deliveries(platform, clicks).size() == expectedDeliveries);

        List<Delivery> deliveries = deliveries(platform, clicks);
        long[] latencies = deliveries.stream()
            .mapToLong(delivery -> Duration.between(sent.get(delivery.key()), delivery.receivedAt()).toNanos())
            .sorted()
            .toArray();
        int postbacks = calls.stream().mapToInt(Integer::intValue).sum();
        System.out.printf("%n=== end-to-end load: %d players, %d casinos, load average %.1f ===%n", PLAYERS, CASINOS,
                ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
        System.out.printf("clicks %d in %.1f s: %.0f clicks/s%n", PLAYERS, clickSeconds, PLAYERS / clickSeconds);
        System.out.printf("postbacks %d in %.1f s: %.0f postbacks/s; %d publisher postbacks, the last %.1f s after "
                + "the first casino postback: %.0f deliveries/s%n", postbacks, postbackSeconds,
                postbacks / postbackSeconds, deliveries.size(), lastDeliverySeconds,
                deliveries.size() / lastDeliverySeconds);
        System.out.printf("casino postback -> publisher postback ms: p50 %.0f, p99 %.0f, max %.0f%n%n",
                percentile(latencies, 50), percentile(latencies, 99), latencies[latencies.length - 1] / 1e6);

        Map<String, List<Delivery>> byClick = deliveries.stream()
            .collect(Collectors.groupingBy(Delivery::clickId));
        for (int i = 0; i < PLAYERS; i++) {
            List<BigDecimal> payouts = byClick.getOrDefault(clicks.get(i), List.of()).stream()
                .map(Delivery::payout).sorted().toList();
            assertThat(payouts).as("payouts delivered for player %d", i)
                .isEqualTo(chargedBack(i) ? List.of(PAYOUT.negate(), PAYOUT) : List.of(PAYOUT));
        }
        List<JsonNode> ledger = platform.admin.list(platform.url(PlatformService.COMMISSION)
                + "/ledger/entries?limit=500&offer_id=" + offer.path("id").asString());
        Map<String, Long> rules = ledger.stream()
            .collect(Collectors.groupingBy(entry -> entry.path("rule").asString(), Collectors.counting()));
        assertThat(rules).containsEntry("CPA_QUALIFIED", (long) PLAYERS).containsEntry("CLAWBACK", (long) chargebacks);
        assertThat(ledger.stream().map(entry -> new BigDecimal(entry.path("publisher_payout").path("amount").asString()))
            .reduce(BigDecimal.ZERO, BigDecimal::add))
            .isEqualByComparingTo(PAYOUT.multiply(BigDecimal.valueOf(PLAYERS - chargebacks)));
    }

    /** One player's calls in order; returns how many postbacks it sent. */
    private static int convert(TestPlatform platform, String house, String click, int player, Map<String, Instant> sent) {
        String user = "load-player-" + player + "-" + click;
        String transaction = "load-tx-" + click;
        webhook(platform, "registration", """
                {"user_id":"%s","platform":"%s","click_id":"%s"}""".formatted(user, house, click));
        sent.put(click + ":" + PAYOUT, Instant.now());
        webhook(platform, "deposit", """
                {"user_id":"%s","amount":50.00,"currency":"USD","transaction_id":"%s","platform":"%s",
                 "is_first_deposit":true}""".formatted(user, transaction, house));
        if (!chargedBack(player)) {
            return 2;
        }
        sent.put(click + ":" + PAYOUT.negate(), Instant.now());
        webhook(platform, "chargeback", """
                {"user_id":"%s","transaction_id":"%s","amount":50.00,"currency":"USD","platform":"%s"}"""
            .formatted(user, transaction, house));
        return 3;
    }

    private static boolean chargedBack(int player) {
        return player % CHARGEBACK_EVERY == 0;
    }

    private static void webhook(TestPlatform platform, String event, String body) {
        HttpResponse<String> answer = platform.postJson(platform.edgeUrl() + "/webhooks/gaming/" + event, body);
        assertThat(answer.statusCode()).as("%s: %s", event, answer.body()).isEqualTo(200);
    }

    private static List<Delivery> deliveries(TestPlatform platform, List<String> clicks) {
        Set<String> ours = Set.copyOf(clicks);
        List<Delivery> found = new ArrayList<>();
        for (DemoPublisher.ReceivedPostback postback : platform.publisher().received()) {
            Matcher delivery = DELIVERY.matcher(postback.uri());
            if (delivery.find() && ours.contains(delivery.group(1))) {
                found.add(new Delivery(delivery.group(1), new BigDecimal(delivery.group(2)), postback.receivedAt()));
            }
        }
        return found;
    }

    private static <T> List<T> inParallel(ExecutorService pool, int count, Function<Integer, T> task)
            throws Exception {
        List<Future<T>> futures = IntStream.range(0, count).mapToObj(i -> pool.submit(() -> task.apply(i))).toList();
        List<T> results = new ArrayList<>(count);
        for (Future<T> future : futures) {
            results.add(future.get());
        }
        return results;
    }

    private static double percentile(long[] sorted, int percentile) {
        int index = (int) Math.ceil(percentile / 100.0 * sorted.length) - 1;
        return sorted[Math.max(index, 0)] / 1e6;
    }

    private record Delivery(String clickId, BigDecimal payout, Instant receivedAt) {

        String key() {
            return clickId + ":" + payout;
        }
    }
}
