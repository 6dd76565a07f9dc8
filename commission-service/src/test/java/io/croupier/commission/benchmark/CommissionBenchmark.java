package io.croupier.commission.benchmark;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

import io.croupier.commission.CommissionServiceTest;
import io.croupier.commission.Driver;
import io.croupier.events.AttributedConversion;
import io.croupier.events.AttributionMethod;
import io.croupier.events.ConversionKind;
import io.croupier.events.ConversionReported;
import io.croupier.events.ConversionStatus;
import io.croupier.events.Money;
import io.croupier.events.PostbackFormat;
import io.croupier.schemas.Topics;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.kafka.config.KafkaListenerEndpointRegistry;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.listener.MessageListenerContainer;

import static io.croupier.commission.Events.deal;
import static io.croupier.commission.Events.share;
import static io.croupier.commission.Events.uniqueId;
import static org.awaitility.Awaitility.await;

/**
 * Throughput of commissioning on the real broker and database: the attributed conversions are produced while the
 * listener is stopped, then timed from its start until every one has its ledger entry and the outbox has relayed
 * every {@code LedgerEntryRecorded} and {@code PayoutDue}. See the README for the command.
 * <p>
 * The reference, timed just before in the same JVM and against the same PostgreSQL, is {@value #REFERENCE_ROUND_TRIPS}
 * single-statement round trips: the per-conversion cost the commission path used to be made of. The printed ratio,
 * conversions per second over round trips per second, is what stays comparable between a loaded and a quiet machine.
 */
@Tag("benchmark")
@CommissionServiceTest
class CommissionBenchmark {

    private static final int CONVERSIONS = Integer.getInteger("bench.conversions", 20_000);

    private static final int PUBLISHERS = 20;

    private static final int REFERENCE_ROUND_TRIPS = 5_000;

    @Autowired
    KafkaTemplate<Object, Object> kafka;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    Driver driver;

    @Autowired
    KafkaListenerEndpointRegistry listeners;

    @Test
    void conversionsCommissionedPerSecond() {
        Instant longAgo = Instant.parse("2020-01-01T00:00:00Z");
        String offer = driver.offer(uniqueId("bench"), deal(1, longAgo, "USD").build());
        List<String> publishers = new ArrayList<>();
        for (int i = 0; i < PUBLISHERS; i++) {
            publishers.add(driver.publisher(uniqueId("pub"), false, share("80"), Map.of()));
        }
        List<AttributedConversion> conversions = new ArrayList<>(CONVERSIONS);
        Instant now = Instant.now();
        for (int i = 0; i < CONVERSIONS; i++) {
            // Every fourth conversion is reported pending first, then approved: two facts of one key, in order.
            ConversionStatus status = i % 4 == 0 ? ConversionStatus.PENDING : ConversionStatus.APPROVED;
            String clickId = "CLK-" + offer + "-" + (i % 4 == 1 ? i - 1 : i);
            ConversionReported reported = ConversionReported.newBuilder()
                .setEventId("postback:" + offer + ":" + i)
                .setPostbackLogId(i)
                .setFormat(PostbackFormat.HOUSE_POSTBACK)
                .setKind(ConversionKind.CONVERSION)
                .setStatus(status)
                .setClickId(clickId)
                .setConversionId("click:" + clickId)
                .setOrderKey(clickId)
                .setReportedPayout(new Money("5.00", "USD"))
                .setOccurredAt(now)
                .setReceivedAt(now)
                .build();
            conversions.add(AttributedConversion.newBuilder()
                .setEventId("attributed:" + reported.getEventId())
                .setConversion(reported)
                .setOfferId(offer)
                .setPublisherId(publishers.get(i % PUBLISHERS))
                .setClickId(clickId)
                .setMethod(AttributionMethod.CLICK_ID)
                .setAttributedAt(now)
                .build());
        }

        List<MessageListenerContainer> containers = listeners.getListenerContainers().stream()
            .filter(container -> List.of(container.getContainerProperties().getTopics())
                .contains(Topics.ATTRIBUTED_CONVERSIONS.name()))
            .toList();
        containers.forEach(MessageListenerContainer::stop);
        double referenceRate = roundTripsPerSecond();
        String loadBefore = loadAverage();
        CompletableFuture.allOf(conversions.stream()
            .map(conversion -> kafka.send(Topics.ATTRIBUTED_CONVERSIONS.name(),
                    conversion.getConversion().getOrderKey(), conversion))
            .toArray(CompletableFuture[]::new)).join();
        long start = System.nanoTime();
        containers.forEach(MessageListenerContainer::start);
        await().atMost(Duration.ofMinutes(10)).pollInterval(Duration.ofMillis(100))
            .until(() -> count("select count(*) from ledger_entries where offer_id = ? and reverses is null",
                    offer) == CONVERSIONS);
        double ledgerRate = CONVERSIONS / ((System.nanoTime() - start) / 1e9);
        await().atMost(Duration.ofMinutes(10)).pollInterval(Duration.ofMillis(100))
            .until(() -> count("select count(*) from outbox_events") == 0);
        double relayedRate = CONVERSIONS / ((System.nanoTime() - start) / 1e9);

        System.out.printf("BENCHMARK conversions in the ledger: %d in total, %.0f per second%n", CONVERSIONS,
                ledgerRate);
        System.out.printf("BENCHMARK conversions in the ledger and relayed: %d in total, %.0f per second%n",
                CONVERSIONS, relayedRate);
        System.out.printf("BENCHMARK reference: %.0f single-statement round trips per second; ratio in the ledger "
                + "%.3f, in the ledger and relayed %.3f conversions per round trip; load average %s before, %s after%n",
                referenceRate, ledgerRate / referenceRate, relayedRate / referenceRate, loadBefore, loadAverage());
    }

    private double roundTripsPerSecond() {
        long start = System.nanoTime();
        for (int i = 0; i < REFERENCE_ROUND_TRIPS; i++) {
            jdbc.sql("select 1").query(Integer.class).single();
        }
        return REFERENCE_ROUND_TRIPS / ((System.nanoTime() - start) / 1e9);
    }

    private static String loadAverage() {
        try {
            return Files.readString(Path.of("/proc/loadavg")).trim();
        }
        catch (IOException e) {
            return "unknown";
        }
    }

    private long count(String sql, Object... params) {
        return jdbc.sql(sql).params(params).query(Long.class).single();
    }
}
