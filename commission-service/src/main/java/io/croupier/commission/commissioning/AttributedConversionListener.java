package io.croupier.commission.commissioning;

import io.croupier.events.AttributedConversion;
import io.croupier.schemas.Topics;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

/**
 * Consumes attributed conversions one by one. A failure (an unknown deal or publisher, a database outage) is retried
 * with back-off and then dead-lettered by the platform's error handler; the inbox makes every retry safe.
 */
@Component
class AttributedConversionListener {

    private final Commissioning commissioning;

    AttributedConversionListener(Commissioning commissioning) {
        this.commissioning = commissioning;
    }

    @KafkaListener(topics = Topics.Names.ATTRIBUTED_CONVERSIONS)
    void on(AttributedConversion conversion) {
        commissioning.apply(conversion);
    }
}
