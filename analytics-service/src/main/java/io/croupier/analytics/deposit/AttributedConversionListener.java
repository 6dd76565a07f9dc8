package io.croupier.analytics.deposit;

import io.croupier.events.AttributedConversion;
import io.croupier.schemas.Topics;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

/**
 * Reads {@code croupier.attributed-conversions} with the service's own consumer group (read-only: nothing is sent
 * back). A failure is retried with back-off and then dead-lettered by the platform's error handler.
 */
@Component
class AttributedConversionListener {

    private final CroupierDeposits deposits;

    AttributedConversionListener(CroupierDeposits deposits) {
        this.deposits = deposits;
    }

    @KafkaListener(topics = Topics.Names.ATTRIBUTED_CONVERSIONS)
    void on(AttributedConversion conversion) {
        deposits.apply(conversion);
    }
}
