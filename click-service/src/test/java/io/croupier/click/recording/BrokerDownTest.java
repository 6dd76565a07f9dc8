package io.croupier.click.recording;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;

import io.croupier.click.ClickServiceSettings;
import io.croupier.click.ClickServiceTest;
import io.croupier.embedded.TopicRecords;
import io.croupier.events.Click;
import io.croupier.schemas.Topics;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.BDDMockito.then;
import static org.mockito.Mockito.spy;
import static org.mockito.Mockito.times;

/**
 * Delivery rule 7: the redirect never waits for Kafka. A producer whose broker cannot be reached hands every click
 * to the spool, whose outbox relay delivers it once a broker answers (here the test broker, which the relay uses).
 */
@ClickServiceTest
class BrokerDownTest {

    @Autowired
    ClickSpool spool;

    @Test
    void clicksTheBrokerDoesNotTakeAreSpooledThroughTheOutboxAndStillReachTheTopicOnce() {
        ClickPublisher unreachable = new ClickPublisher(unreachableProducer(), spool, new SimpleMeterRegistry(),
                ClickPublisher.BACK_OFF);
        List<String> ids = new ArrayList<>();
        long started = System.nanoTime();
        for (int i = 0; i < 50; i++) {
            Click click = click();
            ids.add(click.getClickId());
            unreachable.publish(click);
        }
        Duration publishing = Duration.ofNanos(System.nanoTime() - started);
        unreachable.stop();

        TopicRecords<Click> clicks = TopicRecords.of(Topics.CLICKS);
        clicks.awaitRecords(record -> ids.contains(record.key()), ids.size());
        List<ConsumerRecord<String, Click>> delivered = clicks.awaitQuiet(record -> ids.contains(record.key()),
                Duration.ofSeconds(1));

        assertThat(delivered.stream().collect(Collectors.groupingBy(ConsumerRecord::key, Collectors.counting())))
            .hasSize(ids.size())
            .allSatisfy((id, count) -> assertThat(count).isEqualTo(1L));
        // Far below the producer's own one-second delivery timeout: nothing waited for the broker.
        assertThat(publishing).isLessThan(Duration.ofMillis(50L * 50));
    }

    @Test
    void onceTheProducerRefusedAClickTheNextOnesGoStraightToTheSpoolUntilTheBackOffHasPassed() {
        Producer<String, SpecificRecord> producer = spy(unreachableProducer());
        Duration backOff = Duration.ofMillis(500);
        ClickPublisher unreachable = new ClickPublisher(producer, spool, new SimpleMeterRegistry(), backOff);
        List<String> ids = new ArrayList<>();
        try {
            for (int i = 0; i < 20; i++) {
                Click click = click();
                ids.add(click.getClickId());
                unreachable.publish(click);
            }
            then(producer).should(times(1)).send(any(), any());
            long refusedBefore = System.nanoTime();

            await().atMost(backOff.multipliedBy(4))
                .until(() -> Duration.ofNanos(System.nanoTime() - refusedBefore).compareTo(backOff) > 0);
            Click probe = click();
            ids.add(probe.getClickId());
            unreachable.publish(probe);
            then(producer).should(times(2)).send(any(), any());
        }
        finally {
            unreachable.stop();
        }
        List<ConsumerRecord<String, Click>> delivered = TopicRecords.of(Topics.CLICKS)
            .awaitRecords(record -> ids.contains(record.key()), ids.size());
        assertThat(delivered).extracting(ConsumerRecord::key).containsExactlyInAnyOrderElementsOf(ids);
    }

    private static KafkaProducer<String, SpecificRecord> unreachableProducer() {
        return new KafkaProducer<>(ClickPublisher.producerConfig(Map.of("bootstrap.servers", "127.0.0.1:1"),
                new ClickServiceSettings.Publishing(Duration.ofMillis(10), Duration.ofSeconds(1), 1000)));
    }

    private static Click click() {
        return Click.newBuilder()
            .setClickId("spool-" + UUID.randomUUID())
            .setOfferId("1")
            .setOccurredAt(Instant.now())
            .build();
    }
}
