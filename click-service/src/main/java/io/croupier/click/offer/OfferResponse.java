package io.croupier.click.offer;

import java.math.BigDecimal;
import java.time.Instant;

import io.croupier.events.GuessedLinkPolicy;

/** An offer as the admin API shows it: the seed 001 fields plus house slug, partner key and deal. */
record OfferResponse(long id, String name, String casinoUrl, double weight, String postbackSecret, boolean active,
        String houseSlug, String partnerKey, DealResponse deal, Instant createdAt, Instant updatedAt) {

    record DealResponse(int version, Instant effectiveFrom, BigDecimal cpaAmount, BigDecimal minDeposit,
            BigDecimal revsharePercent, String currency, boolean negativeCarryOver, GuessedLinkPolicy guessedLinks) {
    }

    static OfferResponse of(Offer offer) {
        Deal deal = offer.deal();
        return new OfferResponse(offer.id(), offer.name(), offer.casinoUrl(), offer.weight(), offer.postbackSecret(),
                offer.active(), offer.houseSlug(), offer.partnerKey(),
                new DealResponse(deal.version(), deal.effectiveFrom(), deal.cpaAmount(), deal.minDeposit(),
                        deal.revsharePercent(), deal.currency(), deal.negativeCarryOver(), deal.guessedLinks()),
                offer.createdAt(), offer.updatedAt());
    }
}
