package io.croupier.postback.intake;

import io.croupier.events.ConversionReported;

/**
 * A postback interpreted by its format: the event it becomes (still without its log id) and its dedupe key. A test
 * postback moves no money: it is logged and answered but has neither.
 */
public record Conversion(String offerId, DedupeKey dedupe, ConversionReported.Builder event) {

    public static Conversion reported(DedupeKey dedupe, ConversionReported.Builder event) {
        return new Conversion(event.getOfferId(), dedupe, event);
    }

    public static Conversion test(String offerId) {
        return new Conversion(offerId, null, null);
    }

    public boolean isTest() {
        return event == null;
    }
}
