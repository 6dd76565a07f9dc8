package io.croupier.localstack;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

import io.croupier.events.LedgerEntryRecorded;
import io.croupier.schemas.Topics;
import io.croupier.schemas.serde.AvroSingleObjectDeserializer;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * Reads the commission ledger topic as an auditor would, to total what a simulation earned: the casino's revenue and
 * the publishers' payouts, per currency, for entries recorded since a given instant.
 */
final class LedgerTap implements AutoCloseable {

    private final KafkaConsumer<String, SpecificRecord> consumer;

    private final Instant since;

    private final Thread reader;

    private final AtomicLong entries = new AtomicLong();

    private final Map<String, BigDecimal> revenue = new ConcurrentHashMap<>();

    private final Map<String, BigDecimal> publisherPayouts = new ConcurrentHashMap<>();

    private volatile boolean running = true;

    LedgerTap(String bootstrapServers, Instant since) {
        this.since = since;
        this.consumer = new KafkaConsumer<>(Map.of("bootstrap.servers", bootstrapServers, "enable.auto.commit", false),
                new StringDeserializer(), new AvroSingleObjectDeserializer());
        List<TopicPartition> partitions = consumer.partitionsFor(Topics.LEDGER_ENTRIES.name())
            .stream()
            .map(info -> new TopicPartition(info.topic(), info.partition()))
            .toList();
        consumer.assign(partitions);
        consumer.seekToBeginning(partitions);
        this.reader = new Thread(this::read, "ledger-tap");
        reader.setDaemon(true);
        reader.start();
    }

    long entries() {
        return entries.get();
    }

    Map<String, BigDecimal> revenueByCurrency() {
        return new TreeMap<>(revenue);
    }

    Map<String, BigDecimal> publisherPayoutsByCurrency() {
        return new TreeMap<>(publisherPayouts);
    }

    private void read() {
        while (running) {
            for (ConsumerRecord<String, SpecificRecord> record : consumer.poll(Duration.ofMillis(300))) {
                if (record.value() instanceof LedgerEntryRecorded entry && !entry.getRecordedAt().isBefore(since)) {
                    entries.incrementAndGet();
                    revenue.merge(entry.getRevenue().getCurrency(), new BigDecimal(entry.getRevenue().getAmount()),
                            BigDecimal::add);
                    publisherPayouts.merge(entry.getPublisherPayout().getCurrency(),
                            new BigDecimal(entry.getPublisherPayout().getAmount()), BigDecimal::add);
                }
            }
        }
        consumer.close();
    }

    @Override
    public void close() {
        running = false;
        try {
            reader.join(Duration.ofSeconds(5).toMillis());
        }
        catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
