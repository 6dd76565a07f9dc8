package io.croupier.attribution.benchmark;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;
import java.util.stream.Stream;

import io.croupier.attribution.AttributionServiceTest;
import io.croupier.attribution.TestEvents;
import io.croupier.events.Click;
import io.croupier.events.ConversionKind;
import io.croupier.events.ConversionReported;
import io.croupier.schemas.Topic;
import io.croupier.schemas.Topics;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.kafka.config.KafkaListenerEndpointRegistry;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.listener.MessageListenerContainer;

import static org.awaitility.Awaitility.await;

/**
 * Throughput of click storage and of attribution on the real broker and database. Each phase is produced while its
 * listener is stopped, then timed from the listener's start until the last record is committed (and, for
 * conversions, until the outbox has relayed every attributed conversion). Conversions run in rounds, each after a
 * fixed CPU-bound reference statement, so a loaded machine still gives a comparable ratio. See docs/benchmarks.md
 * for the command.
 */
@Tag("benchmark")
@AttributionServiceTest
class AttributionBenchmark {

    private static final int CLICKS = Integer.getInteger("bench.clicks", 100_000);

    private static final int CONVERSIONS = Integer.getInteger("bench.conversions", 20_000);

    private static final int ROUNDS = Integer.getInteger("bench.rounds", 3);

    private static final String KEYS = System.getProperty("bench.keys", "player");

    private static final String REFERENCE = "select count(*) from generate_series(1, 2000) a,"
            + " generate_series(1, 1000) b";

    /** Which path attributes: run once as it is and once with {@code -D...poll-at-once=false} to compare. */
    private static final String POLL_AT_ONCE = "croupier.attribution.conversions.poll-at-once";

    @Autowired
    KafkaTemplate<Object, Object> kafka;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    KafkaListenerEndpointRegistry listeners;

    @Test
    void clicksStoredAndConversionsAttributedPerSecond() {
        String offer = TestEvents.unique("bench");
        List<Click> clicks = new ArrayList<>(CLICKS);
        for (int i = 0; i < CLICKS; i++) {
            clicks.add(TestEvents.click(offer, "p" + (i % 50)).setOccurredAt(Instant.now()).build());
        }
        double clickRate = timed(Topics.CLICKS, () -> clicks.stream()
            .map(click -> kafka.send(Topics.CLICKS.name(), click.getClickId(), click)), () -> count(
                    "select count(*) from clicks where offer_id = ?", offer) == CLICKS, CLICKS);

        System.out.printf("BENCHMARK clicks stored: %d in total, %.0f per second; load average %s%n", CLICKS,
                clickRate, loadAverage());
        for (int round = 1; round <= ROUNDS; round++) {
            long referenceMillis = referenceMillis();
            double conversionRate = attributed(offer, clicks, round);
            System.out.printf("BENCHMARK conversions attributed and emitted (%s=%s, keyed by %s), round %d: %d in "
                    + "total, %.0f per "
                    + "second; reference statement %d ms, so %.0f conversions per reference second; load average "
                    + "%s%n", POLL_AT_ONCE, System.getProperty(POLL_AT_ONCE, "default"), KEYS, round, CONVERSIONS,
                    conversionRate, referenceMillis, conversionRate * referenceMillis / 1000, loadAverage());
        }
    }

    /**
     * One round of conversions: half registrations by click id, half deposits of those players through the link.
     * Keyed as postback-service keys them (both under the player's order key, so they share a partition), or with
     * {@code -Dbench.keys=click} as it did before the order key (the registration under its click id, so a deposit
     * often arrives before its registration and parks; the figures up to issue 16 were measured so).
     */
    private double attributed(String offer, List<Click> clicks, int round) {
        List<ConversionReported> conversions = new ArrayList<>(CONVERSIONS);
        for (int i = 0; i < CONVERSIONS; i++) {
            Click click = clicks.get(i / 2);
            String player = "player-" + round + "-" + click.getClickId();
            ConversionReported.Builder conversion = i % 2 == 0
                    ? TestEvents.conversion(ConversionKind.REGISTRATION).setClickId(click.getClickId())
                    : TestEvents.conversion(ConversionKind.DEPOSIT).setOfferId(offer)
                        .setAmount(TestEvents.money("25.00", "USD"));
            if (KEYS.equals("player")) {
                conversion.setOfferId(offer).setOrderKey(offer + ":player:" + player);
            }
            conversions.add(conversion.setPlayerId(player).build());
        }
        long attributedBefore = (long) CONVERSIONS * (round - 1);
        return timed(Topics.CONVERSIONS_REPORTED, () -> conversions.stream()
            .map(c -> kafka.send(Topics.CONVERSIONS_REPORTED.name(), c.getOrderKey() != null ? c.getOrderKey()
                    : c.getClickId() != null ? c.getClickId() : offer + ":player:" + c.getPlayerId(), c)),
                () -> count("select count(*) from conversions where attributed_offer_id = ? and state = 'ATTRIBUTED'",
                        offer) == attributedBefore + CONVERSIONS && count("select count(*) from outbox_events") == 0,
                CONVERSIONS);
    }

    /** A fixed CPU-bound statement: the machine's speed at that moment, to divide the figures by. */
    private long referenceMillis() {
        long started = System.nanoTime();
        jdbc.sql(REFERENCE).query(Long.class).single();
        return (System.nanoTime() - started) / 1_000_000;
    }

    private static String loadAverage() {
        try {
            return Files.readString(Path.of("/proc/loadavg")).trim();
        }
        catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private double timed(Topic<String, ?> topic, Supplier<Stream<CompletableFuture<?>>> produce,
            Callable<Boolean> done, int records) {
        List<MessageListenerContainer> containers = listeners.getListenerContainers().stream()
            .filter(container -> List.of(container.getContainerProperties().getTopics()).contains(topic.name()))
            .toList();
        containers.forEach(MessageListenerContainer::stop);
        CompletableFuture.allOf(produce.get().toArray(CompletableFuture[]::new)).join();
        long start = System.nanoTime();
        containers.forEach(MessageListenerContainer::start);
        await().atMost(Duration.ofMinutes(10)).pollInterval(Duration.ofMillis(100)).until(done);
        return records / ((System.nanoTime() - start) / 1e9);
    }

    private long count(String sql, Object... params) {
        return jdbc.sql(sql).params(params).query(Long.class).single();
    }
}
