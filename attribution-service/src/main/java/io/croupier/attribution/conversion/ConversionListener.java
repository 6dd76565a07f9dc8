package io.croupier.attribution.conversion;

import java.util.List;

import io.croupier.events.ConversionReported;
import io.croupier.schemas.Topics;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.kafka.listener.BatchListenerFailedException;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Attributes a poll of conversions in one transaction, because a commit (an fsync) costs more than attributing a
 * conversion. Should the poll fail, it is redone one transaction per conversion: the ones before the failing one
 * commit, and the error handler retries (and finally dead-letters) from the failing one, whose offset is the first
 * not committed. Whole transactions rather than savepoints, because outbox rows and funnel counts are held in memory
 * until the commit and a savepoint rollback would not discard them.
 */
@Component
class ConversionListener {

    private final ConversionAttribution attribution;

    private final TransactionTemplate transactions;

    private final AttributionSettings settings;

    ConversionListener(ConversionAttribution attribution, TransactionTemplate transactions,
            AttributionSettings settings) {
        this.attribution = attribution;
        this.transactions = transactions;
        this.settings = settings;
    }

    /** Read by the listener's {@code concurrency}, so the consumer count is a setting with its default in the record. */
    public int consumers() {
        return settings.consumers();
    }

    @KafkaListener(topics = Topics.Names.CONVERSIONS_REPORTED,
            containerFactory = "batchListenerContainerFactory",
            concurrency = "#{__listener.consumers()}")
    void on(List<ConsumerRecord<String, ConversionReported>> batch) {
        batch.forEach(ConversionListener::keepOrderKey);
        if (batch.stream().allMatch(record -> record.value() != null)) {
            try {
                transactions.executeWithoutResult(status -> batch.forEach(record -> attribution.receive(record.value())));
                return;
            }
            catch (RuntimeException e) {
                // Redone below one conversion at a time, to find the one that fails and keep the others.
            }
        }
        for (int i = 0; i < batch.size(); i++) {
            ConversionReported conversion = batch.get(i).value();
            if (conversion == null) {
                throw new BatchListenerFailedException("undecodable conversion", i);
            }
            try {
                transactions.executeWithoutResult(status -> attribution.receive(conversion));
            }
            catch (RuntimeException e) {
                throw new BatchListenerFailedException("cannot attribute " + conversion.getEventId(), e, i);
            }
        }
    }

    /** A conversion written before it carried its order key was keyed by it on the topic. */
    private static void keepOrderKey(ConsumerRecord<String, ConversionReported> record) {
        if (record.value() != null && record.value().getOrderKey() == null) {
            record.value().setOrderKey(record.key());
        }
    }
}
