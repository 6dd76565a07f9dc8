package io.croupier.click.offer;

import java.math.BigDecimal;

import io.croupier.events.Deal;

/** Maps a catalogue offer onto the {@code Offer} record of the offers topic: its secrets as digests only. */
final class OfferEvents {

    static io.croupier.events.Offer of(Offer offer) {
        io.croupier.click.offer.Deal deal = offer.deal();
        return io.croupier.events.Offer.newBuilder()
            .setOfferId(Long.toString(offer.id()))
            .setName(offer.name())
            .setCasinoUrl(offer.casinoUrl())
            .setWeight(offer.weight())
            .setActive(offer.active())
            .setHouseSlug(offer.houseSlug())
            .setPostbackSecretDigest(offer.postbackSecret().digest())
            .setPartnerKeyDigest(offer.partnerKey() == null ? null : offer.partnerKey().digest())
            .setPreviousPostbackSecretDigest(offer.postbackSecret().previousDigest())
            .setPreviousPostbackSecretAcceptedUntil(offer.postbackSecret().previousUntil())
            .setPreviousPartnerKeyDigest(offer.partnerKey() == null ? null : offer.partnerKey().previousDigest())
            .setPreviousPartnerKeyAcceptedUntil(offer.partnerKey() == null ? null : offer.partnerKey().previousUntil())
            .setDeal(Deal.newBuilder()
                .setVersion(deal.version())
                .setEffectiveFrom(deal.effectiveFrom())
                .setCpaAmount(plain(deal.cpaAmount()))
                .setMinDeposit(plain(deal.minDeposit()))
                .setRevSharePercent(plain(deal.revsharePercent()))
                .setCurrency(deal.currency())
                .setNegativeCarryOver(deal.negativeCarryOver())
                .setGuessedLinks(deal.guessedLinks())
                .setClawbackWindowDays(deal.clawbackWindowDays())
                .setCpaRequiresConfirmation(deal.cpaRequiresConfirmation())
                .build())
            .setCreatedAt(offer.createdAt())
            .setUpdatedAt(offer.updatedAt())
            .build();
    }

    private static String plain(BigDecimal amount) {
        return amount == null ? null : amount.toPlainString();
    }

    private OfferEvents() {
    }
}
