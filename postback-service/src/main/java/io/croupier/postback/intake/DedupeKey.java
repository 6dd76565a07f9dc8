package io.croupier.postback.intake;

import java.time.Duration;

/**
 * What makes two postbacks the same fact: the sender (offer or house), the transaction, and its status. A repeat of
 * all three is a duplicate forever; the same transaction with another status is a status change.
 *
 * @param retryWindow for formats without a transaction id, identical calls are one fact only this long after the
 *        first (the sender's retry); later ones are new facts. {@code null}: a duplicate forever.
 */
public record DedupeKey(String scope, String key, String status, Duration retryWindow) {

    public DedupeKey(String scope, String key, String status) {
        this(scope, key, status, null);
    }
}
