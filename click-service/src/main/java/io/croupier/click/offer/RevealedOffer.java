package io.croupier.click.offer;

/**
 * An offer together with the secrets it was just given, the one time they are shown: on creation and on rotation.
 *
 * @param postbackSecret the new seed 001 secret, or null when it did not change
 * @param partnerKey the new seed 004 key, or null when it did not change
 */
record RevealedOffer(Offer offer, String postbackSecret, String partnerKey) {

    @Override
    public String toString() {
        return "RevealedOffer[offer=" + offer.id() + ", secrets hidden]";
    }
}
