package io.croupier.commission.commissioning;

import io.croupier.events.PurchaseConfirmed;
import io.croupier.schemas.Topics;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

/** Consumes analytics-service's gateway confirmations; retried and dead-lettered like the conversions, inbox-safe. */
@Component
class PurchaseConfirmedListener {

    private final GatewayConfirmations confirmations;

    PurchaseConfirmedListener(GatewayConfirmations confirmations) {
        this.confirmations = confirmations;
    }

    @KafkaListener(topics = Topics.Names.PURCHASE_CONFIRMATIONS)
    void on(PurchaseConfirmed confirmed) {
        confirmations.apply(confirmed);
    }
}
