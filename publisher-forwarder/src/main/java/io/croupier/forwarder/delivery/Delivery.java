package io.croupier.forwarder.delivery;

import java.math.BigDecimal;
import java.time.Instant;

/**
 * One payout on its way to its publisher, as a worker holds it while attempting it.
 *
 * @param id the payout event id, which is also the {@code webhook-id}
 * @param attempts attempts made so far, over every replay
 * @param roundAttempts attempts made since the schedule last (re)started
 */
record Delivery(String id, long publisherId, String offerId, String clickId, String transactionId,
        String externalOfferId, String event, String status, BigDecimal payoutAmount, String payoutCurrency,
        String source, String campaign, String sub1, String sub2, String sub3, String sub4, String sub5,
        String reverses, Instant occurredAt, int attempts, int roundAttempts) {
}
