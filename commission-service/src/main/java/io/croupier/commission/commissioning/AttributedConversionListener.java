package io.croupier.commission.commissioning;

import java.util.List;

import io.croupier.events.AttributedConversion;
import io.croupier.runtime.kafka.PollTransactions;
import io.croupier.schemas.Topics;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

/**
 * Consumes attributed conversions a poll per transaction ({@link PollTransactions}). A failure (an unknown deal or
 * publisher, a database outage) redoes the poll one conversion at a time: the ones before the failing one commit, and
 * the failing one is retried with back-off and then dead-lettered by the platform's error handler; the inbox makes
 * every retry safe.
 */
@Component
class AttributedConversionListener {

    private final Commissioning commissioning;

    private final PollTransactions transactions;

    private final ConversionsSettings settings;

    AttributedConversionListener(Commissioning commissioning, PollTransactions transactions,
            ConversionsSettings settings) {
        this.commissioning = commissioning;
        this.transactions = transactions;
        this.settings = settings;
    }

    /** Read by the listener's {@code concurrency}, so the consumer count is a setting with its default in the record. */
    public int consumers() {
        return settings.consumers();
    }

    @KafkaListener(topics = Topics.Names.ATTRIBUTED_CONVERSIONS, containerFactory = "batchListenerContainerFactory",
            concurrency = "#{__listener.consumers()}")
    void on(List<ConsumerRecord<String, AttributedConversion>> poll) {
        transactions.apply(poll, commissioning::apply);
    }
}
