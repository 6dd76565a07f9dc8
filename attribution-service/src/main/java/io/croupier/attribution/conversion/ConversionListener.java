package io.croupier.attribution.conversion;

import java.util.List;

import io.croupier.events.ConversionReported;
import io.croupier.runtime.kafka.PollTransactions;
import io.croupier.schemas.Topics;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

/**
 * Attributes a poll of conversions in one transaction ({@link PollTransactions}: should it fail, the conversions
 * before the failing one commit and the failing one is retried, then dead-lettered).
 */
@Component
class ConversionListener {

    private final ConversionAttribution attribution;

    private final PollTransactions transactions;

    private final AttributionSettings settings;

    ConversionListener(ConversionAttribution attribution, PollTransactions transactions,
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
        transactions.apply(batch, attribution::receive);
    }

    /** A conversion written before it carried its order key was keyed by it on the topic. */
    private static void keepOrderKey(ConsumerRecord<String, ConversionReported> record) {
        if (record.value() != null && record.value().getOrderKey() == null) {
            record.value().setOrderKey(record.key());
        }
    }
}
