package io.croupier.commission.deal;

import java.math.BigDecimal;

import io.croupier.commission.money.Amount;
import io.croupier.events.Offer;
import io.croupier.schemas.Topics;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.messaging.handler.annotation.Payload;
import org.springframework.stereotype.Component;

/**
 * Keeps every deal version from the offer catalogue. Versions live in this service's database, so one consumer group
 * is enough for all instances. A tombstone removes nothing here: late conversions still need the deal they occurred
 * under.
 */
@Component
class OfferListener {

    private final DealReplica deals;

    OfferListener(DealReplica deals) {
        this.deals = deals;
    }

    @KafkaListener(topics = Topics.Names.OFFERS)
    void on(@Payload(required = false) Offer offer) {
        if (offer == null) {
            return;
        }
        io.croupier.events.Deal deal = offer.getDeal();
        String currency = deal.getCurrency();
        deals.store(new Deal(offer.getOfferId(), deal.getVersion(), deal.getEffectiveFrom(),
                amount(deal.getCpaAmount(), currency), amount(deal.getMinDeposit(), currency),
                deal.getRevSharePercent() == null ? null : new BigDecimal(deal.getRevSharePercent()), currency,
                deal.getNegativeCarryOver(), deal.getGuessedLinks(), deal.getClawbackWindowDays(),
                deal.getCpaRequiresConfirmation()));
    }

    private static Amount amount(String value, String currency) {
        return value == null ? null : Amount.of(value, currency);
    }
}
