package io.croupier.postback.intake;

import java.time.Duration;

/**
 * What makes two postbacks the same fact: the sender (offer or house), the conversion, and its status. A repeat of
 * all three is a duplicate forever; the same conversion with another status is a status change. So a permanent key
 * is what identifies the conversion, and it travels as the event's {@code conversionId}: decided once, here.
 *
 * @param retryWindow for formats without a transaction id, identical calls are one fact only this long after the
 *        first (the sender's retry); later ones are new facts. {@code null}: a duplicate forever.
 */
public record DedupeKey(String scope, String key, String status, Duration retryWindow) {

    public DedupeKey(String scope, String key, String status) {
        this(scope, key, status, null);
    }

    /** The conversion's identity, or {@code null} when the key only tells retries apart within a window. */
    public String conversionId() {
        return retryWindow == null ? key : null;
    }
}
