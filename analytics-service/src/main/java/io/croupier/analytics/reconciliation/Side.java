package io.croupier.analytics.reconciliation;

import java.math.BigDecimal;
import java.time.Instant;

/**
 * One purchase or one confirmation, as far as matching is concerned.
 *
 * @param source for a purchase, {@code croupier} or {@code provider}; for a confirmation, {@code gateway}
 * @param key its key in its own table
 */
record Side(String source, String key, String transactionId, String playerId, Instant time, BigDecimal amount,
        String currency) {

    /** Player, currency and amount: only sides that agree on all three can match without a transaction id. */
    String group() {
        return playerId + '\u0000' + currency + '\u0000' + amount.stripTrailingZeros().toPlainString();
    }
}
