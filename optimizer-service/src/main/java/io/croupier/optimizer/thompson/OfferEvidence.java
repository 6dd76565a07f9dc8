package io.croupier.optimizer.thompson;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import io.croupier.optimizer.currency.Revenue;

/**
 * What the policy knows of one offer: its history hour by hour, the delays of its first deposits, and its revenue as
 * earned per currency.
 *
 * @param hours by when things happened, oldest first; hours without anything may be left out
 * @param revenue approved revenue per currency over the history, with the rate used (null: no rate, left out)
 */
public record OfferEvidence(long offerId, String name, boolean active, List<Hour> hours, DelayObservations delays,
        List<Revenue> revenue) {

    public static final Duration HOUR = Duration.ofHours(1);

    /**
     * @param clicks clicks made in the hour
     * @param firstDeposits first deposits made in the hour, whenever their click was
     * @param revenue approved revenue (reversals negative) that occurred in the hour, in the reference currency
     * @param revenueSquares the sum of each revenue entry's square, in the reference currency: how unevenly the
     *        revenue is spread over entries
     */
    public record Hour(Instant start, long clicks, long firstDeposits, double revenue, double revenueSquares) {
    }
}
