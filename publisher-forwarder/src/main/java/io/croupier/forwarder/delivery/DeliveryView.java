package io.croupier.forwarder.delivery;

import java.time.Instant;
import java.util.List;

/**
 * A delivery and every attempt made for it, as the delivery log shows it.
 *
 * @param id the payout event id ({@code payout:<ledger entry id>}), also sent as {@code webhook-id}
 * @param state {@code PENDING}, {@code DELIVERED} or {@code DEAD}
 * @param lastError why the last attempt failed, or why the delivery is waiting or dead
 */
record DeliveryView(String id, long publisherId, String offerId, String clickId, String transactionId, String event,
        String status, Amount payout, String state, int attempts, Instant nextAttemptAt, String lastError,
        Instant receivedAt, Instant deliveredAt, Instant deadAt, List<Attempt> attemptLog) {

    DeliveryView with(List<Attempt> attemptLog) {
        return new DeliveryView(id, publisherId, offerId, clickId, transactionId, event, status, payout, state,
                attempts, nextAttemptAt, lastError, receivedAt, deliveredAt, deadAt, attemptLog);
    }

    record Amount(String amount, String currency) {
    }

    /**
     * @param statusCode {@code null} when no response arrived
     * @param responseExcerpt the first characters of the response body
     */
    record Attempt(int attempt, Instant startedAt, String method, String url, String outcome, Integer statusCode,
            int latencyMs, String responseExcerpt, String error) {
    }
}
