package io.croupier.click.recording;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

import io.croupier.click.ClickServiceSettings;
import io.croupier.events.Click;
import io.croupier.schemas.Topics;
import io.croupier.schemas.serde.AvroSingleObjectSerializer;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * Sends click events without making the visitor wait for the broker (delivery rule 7). {@link #publish} only hands
 * the record to the producer's buffer; waiting inside the producer is capped at {@code max-block}. Whatever the
 * producer cannot deliver (broker down past the delivery timeout, buffer full, producer closed) goes to the
 * {@link ClickSpool}, so an answered redirect still ends as exactly one click on the topic once Kafka is back.
 */
@Component
public class ClickPublisher implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(ClickPublisher.class);

    /**
     * How long clicks go straight to the spool after the producer refused one (its buffer full while the broker is
     * down): otherwise every redirect would wait out {@code max-block} inside the producer. One click per period
     * probes the producer again.
     */
    static final Duration BACK_OFF = Duration.ofSeconds(1);

    private static final Exception PRODUCER_REFUSING = new IllegalStateException(
            "the producer refused a click moments ago; spooling until it is probed again");

    /** Stops after the web server has finished the last requests, so every answered click reaches the producer. */
    static final int PHASE = SmartLifecycle.DEFAULT_PHASE - 4096;

    private final Producer<String, SpecificRecord> producer;

    private final ClickSpool spool;

    private final Counter published;

    private final long backOffNanos;

    /** Until this {@link System#nanoTime()}, clicks skip the producer, which has just refused one. */
    private volatile long producerRefusingUntil = System.nanoTime();

    private volatile boolean running;

    @Autowired
    ClickPublisher(KafkaProperties kafka, ClickServiceSettings properties, ClickSpool spool, MeterRegistry meters) {
        this(new KafkaProducer<>(producerConfig(kafka.buildProducerProperties(), properties.publishing())), spool,
                meters, BACK_OFF);
    }

    ClickPublisher(Producer<String, SpecificRecord> producer, ClickSpool spool, MeterRegistry meters,
            Duration backOff) {
        this.producer = producer;
        this.spool = spool;
        this.backOffNanos = backOff.toNanos();
        this.published = Counter.builder("croupier.clicks.published")
            .description("Clicks handed to the producer, one per answered redirect")
            .register(meters);
    }

    static Map<String, Object> producerConfig(Map<String, Object> base, ClickServiceSettings.Publishing settings) {
        Map<String, Object> config = new LinkedHashMap<>(base);
        config.put(ProducerConfig.CLIENT_ID_CONFIG, "click-service-clicks");
        config.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class);
        config.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, AvroSingleObjectSerializer.class);
        config.put(ProducerConfig.ACKS_CONFIG, "all");
        config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        config.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, (int) settings.maxBlock().toMillis());
        int deliveryTimeout = (int) settings.deliveryTimeout().toMillis();
        config.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, deliveryTimeout);
        config.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, deliveryTimeout / 2);
        // Throughput defaults, each overridable with spring.kafka.producer.* (see README, Benchmark).
        config.putIfAbsent(ProducerConfig.LINGER_MS_CONFIG, 5);
        config.putIfAbsent(ProducerConfig.BATCH_SIZE_CONFIG, 64 * 1024);
        config.putIfAbsent(ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4");
        return config;
    }

    /** Returns at once; the click is on its way to the topic or to the spool. */
    public void publish(Click click) {
        published.increment();
        if (System.nanoTime() - producerRefusingUntil < 0) {
            spool.add(click, PRODUCER_REFUSING);
            return;
        }
        try {
            producer.send(new ProducerRecord<>(Topics.CLICKS.name(), click.getClickId(), click), (metadata, error) -> {
                if (error != null) {
                    refused(click, error);
                }
            });
        }
        catch (RuntimeException e) {
            refused(click, e);
        }
    }

    /** Called on the request thread when the producer timed out at once, on its I/O thread when delivery failed. */
    private void refused(Click click, Exception error) {
        producerRefusingUntil = System.nanoTime() + backOffNanos;
        spool.add(click, error);
    }

    @Override
    public void start() {
        running = true;
        Thread warmUp = new Thread(this::fetchMetadata, "click-producer-warm-up");
        warmUp.setDaemon(true);
        warmUp.start();
    }

    /**
     * Learns the clicks topic's partitions before the first click: with {@code max.block.ms} this short, a send that
     * had to wait for metadata would otherwise fail over to the spool.
     */
    private void fetchMetadata() {
        long deadline = System.nanoTime() + Duration.ofMinutes(1).toNanos();
        while (running && System.nanoTime() < deadline) {
            try {
                producer.partitionsFor(Topics.CLICKS.name());
                return;
            }
            catch (RuntimeException e) {
                try {
                    Thread.sleep(100);
                }
                catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }
        log.warn("No metadata for {} yet; clicks are spooled until the broker answers", Topics.CLICKS.name());
    }

    /** Flushes what the producer still holds; what it cannot deliver in time reaches the spool through callbacks. */
    @Override
    public void stop() {
        running = false;
        producer.close(Duration.ofSeconds(10));
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    @Override
    public int getPhase() {
        return PHASE;
    }
}
