package io.croupier.postback.intake;

import io.croupier.events.ConversionReported;

/**
 * A postback interpreted by its format: the event it becomes (still without its log id) and its dedupe key. A test
 * postback moves no money: it is logged and answered but has neither.
 *
 * @param signedMessage the verified signature's message, claimed when the call is accepted; null for an unsigned call
 */
public record Conversion(String offerId, DedupeKey dedupe, ConversionReported.Builder event,
        SignedMessage signedMessage) {

    public static Conversion reported(DedupeKey dedupe, ConversionReported.Builder event) {
        return new Conversion(event.getOfferId(), dedupe, event, null);
    }

    public static Conversion test(String offerId) {
        return new Conversion(offerId, null, null, null);
    }

    public Conversion signedAs(SignedMessage message) {
        return new Conversion(offerId, dedupe, event, message);
    }

    public boolean isTest() {
        return event == null;
    }
}
