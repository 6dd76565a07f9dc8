package io.croupier.forwarder.delivery;

import java.math.BigDecimal;
import java.time.Instant;

import io.croupier.events.Tracking;

/**
 * One payout on its way to its publisher, as a worker holds it while attempting it.
 *
 * @param id the payout event id, which is also the {@code webhook-id}
 * @param attempts attempts made so far, over every replay
 * @param roundAttempts attempts made since the schedule last (re)started
 */
record Delivery(String id, long publisherId, String offerId, String clickId, String transactionId,
        String externalOfferId, String event, String status, BigDecimal payoutAmount, String payoutCurrency,
        Tracking tracking, String reverses, Instant occurredAt, int attempts, int roundAttempts) {
}
