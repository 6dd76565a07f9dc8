package io.croupier.commission;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;

import io.croupier.embedded.TestInfrastructure;
import io.croupier.events.LedgerEntryRecorded;
import io.croupier.events.PayoutDue;
import io.croupier.schemas.Topics;
import io.croupier.schemas.serde.AvroSingleObjectDeserializer;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.StringDeserializer;

/** Collects everything the service emits on the ledger-entries and payouts topics, with one consumer per test JVM. */
public final class TopicProbe {

    private static final List<PayoutDue> PAYOUTS = new CopyOnWriteArrayList<>();

    private static final List<LedgerEntryRecorded> LEDGER_ENTRIES = new CopyOnWriteArrayList<>();

    private static Thread poller;

    private TopicProbe() {
    }

    public static synchronized void start() {
        if (poller != null) {
            return;
        }
        KafkaConsumer<String, SpecificRecord> consumer = new KafkaConsumer<>(Map.of("bootstrap.servers",
                TestInfrastructure.kafka().bootstrapServers(), "group.id", "probe-" + UUID.randomUUID(),
                "auto.offset.reset", "earliest", "isolation.level", "read_committed"), new StringDeserializer(),
                new AvroSingleObjectDeserializer());
        consumer.subscribe(List.of(Topics.PAYOUTS.name(), Topics.LEDGER_ENTRIES.name()));
        poller = new Thread(() -> {
            while (true) {
                for (ConsumerRecord<String, SpecificRecord> record : consumer.poll(Duration.ofMillis(200))) {
                    if (record.value() instanceof PayoutDue payout) {
                        PAYOUTS.add(payout);
                    }
                    else if (record.value() instanceof LedgerEntryRecorded entry) {
                        LEDGER_ENTRIES.add(entry);
                    }
                }
            }
        }, "topic-probe");
        poller.setDaemon(true);
        poller.start();
    }

    public static List<PayoutDue> payoutsOfPublisher(String publisherId) {
        return PAYOUTS.stream().filter(payout -> payout.getPublisherId().equals(publisherId)).toList();
    }

    public static List<LedgerEntryRecorded> ledgerEntriesOf(String inputEventId) {
        return LEDGER_ENTRIES.stream().filter(entry -> entry.getInputEventId().equals(inputEventId)).toList();
    }
}
