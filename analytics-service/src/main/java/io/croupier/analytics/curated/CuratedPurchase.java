package io.croupier.analytics.curated;

import java.time.Instant;

/**
 * One purchase of {@code purchases_curated}.
 *
 * @param source {@code croupier} (a deposit reported to Croupier) or {@code provider} (the attribution provider's file)
 * @param purchaseKey the Croupier event id, or the provider row's natural key
 * @param amount exact, in {@code currency}
 * @param campaign the purchase's own campaign, else its player's
 */
record CuratedPurchase(Instant eventTime, String source, String transactionId, String playerId, String amount,
        String currency, String campaign, String mediaSource, String purchaseKey) {

    static final String[] CSV_HEADER = { "event_time", "source", "transaction_id", "player_id", "amount", "currency",
            "campaign", "media_source", "purchase_key" };

    Object[] csvRecord() {
        return new Object[] { eventTime, source, transactionId, playerId, amount, currency, campaign, mediaSource,
                purchaseKey };
    }
}
