package io.croupier.click.offer;

import java.math.BigDecimal;
import java.time.Instant;

import io.croupier.events.GuessedLinkPolicy;

/**
 * An offer as the admin API shows it: the seed 001 fields plus house slug, partner key and deal. The postback secret
 * and the partner key are shown in full only in the answer that created or rotated them; everywhere else the same
 * fields carry their masked form ({@code ****} and, for a generated secret, its last four characters).
 *
 * @param previousPostbackSecretAcceptedUntil until when a rotation kept the replaced postback secret accepted, or null
 * @param previousPartnerKeyAcceptedUntil the same for the partner key
 */
record OfferResponse(long id, String name, String casinoUrl, double weight, String postbackSecret, boolean active,
        String houseSlug, String partnerKey, DealResponse deal, Instant createdAt, Instant updatedAt,
        Instant previousPostbackSecretAcceptedUntil, Instant previousPartnerKeyAcceptedUntil) {

    record DealResponse(int version, Instant effectiveFrom, BigDecimal cpaAmount, BigDecimal minDeposit,
            BigDecimal revsharePercent, String currency, boolean negativeCarryOver, GuessedLinkPolicy guessedLinks,
            Integer clawbackWindowDays, boolean cpaRequiresConfirmation) {
    }

    static OfferResponse of(Offer offer) {
        return of(offer, null, null);
    }

    /**
     * For the audit trail: the secrets' look-up digests stand in their fields, so the trail sees a changed secret
     * change (two short secrets mask alike) and still writes nothing but its redaction mark.
     */
    static OfferResponse audited(Offer offer) {
        return of(offer, offer.postbackSecret().digest(),
                offer.partnerKey() == null ? null : offer.partnerKey().digest());
    }

    static OfferResponse revealing(RevealedOffer revealed) {
        return of(revealed.offer(), revealed.postbackSecret(), revealed.partnerKey());
    }

    private static OfferResponse of(Offer offer, String postbackSecret, String partnerKey) {
        Deal deal = offer.deal();
        return new OfferResponse(offer.id(), offer.name(), offer.casinoUrl(), offer.weight(),
                postbackSecret != null ? postbackSecret : offer.postbackSecret().masked(), offer.active(),
                offer.houseSlug(),
                partnerKey != null ? partnerKey : offer.partnerKey() == null ? null : offer.partnerKey().masked(),
                new DealResponse(deal.version(), deal.effectiveFrom(), deal.cpaAmount(), deal.minDeposit(),
                        deal.revsharePercent(), deal.currency(), deal.negativeCarryOver(), deal.guessedLinks(),
                        deal.clawbackWindowDays(), deal.cpaRequiresConfirmation()),
                offer.createdAt(), offer.updatedAt(), offer.postbackSecret().previousUntil(),
                offer.partnerKey() == null ? null : offer.partnerKey().previousUntil());
    }

    @Override
    public String toString() {
        return "OfferResponse[id=" + id + ", name=" + name + ", secrets hidden]";
    }
}
