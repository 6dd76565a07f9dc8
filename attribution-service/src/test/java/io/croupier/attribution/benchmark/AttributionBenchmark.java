package io.croupier.attribution.benchmark;

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
 * conversions, until the outbox has relayed every attributed conversion). See the README for the command.
 */
@Tag("benchmark")
@AttributionServiceTest
class AttributionBenchmark {

    private static final int CLICKS = Integer.getInteger("bench.clicks", 100_000);

    private static final int CONVERSIONS = Integer.getInteger("bench.conversions", 20_000);

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

        List<ConversionReported> conversions = new ArrayList<>(CONVERSIONS);
        for (int i = 0; i < CONVERSIONS; i++) {
            // Half are registrations by click id; the other half are deposits of those players through the link.
            Click click = clicks.get(i / 2);
            ConversionReported.Builder conversion = i % 2 == 0
                    ? TestEvents.conversion(ConversionKind.REGISTRATION).setClickId(click.getClickId())
                    : TestEvents.conversion(ConversionKind.DEPOSIT).setOfferId(offer)
                        .setAmount(TestEvents.money("25.00", "USD"));
            conversions.add(conversion.setPlayerId("player-" + click.getClickId()).build());
        }
        double conversionRate = timed(Topics.CONVERSIONS_REPORTED, () -> conversions.stream()
            .map(c -> kafka.send(Topics.CONVERSIONS_REPORTED.name(),
                    c.getClickId() != null ? c.getClickId() : offer + ":player:" + c.getPlayerId(), c)),
                () -> count("select count(*) from conversions where attributed_offer_id = ? and state = 'ATTRIBUTED'",
                        offer) == CONVERSIONS && count("select count(*) from outbox_events") == 0,
                CONVERSIONS);

        System.out.printf("BENCHMARK clicks stored: %d in total, %.0f per second%n", CLICKS, clickRate);
        System.out.printf("BENCHMARK conversions attributed and emitted: %d in total, %.0f per second%n", CONVERSIONS,
                conversionRate);
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
