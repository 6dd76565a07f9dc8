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
     * @param withDeposit approved revenue that came with a deposit or conversion (CPA, a reported payout) in the hour
     * @param later approved revenue that comes in the weeks after the first deposit (RevShare shares of PROFIT)
     */
    public record Hour(Instant start, long clicks, long firstDeposits, Earned withDeposit, Earned later) {
    }

    /**
     * Revenue in the reference currency (reversals negative), from {@code entries} ledger entries.
     *
     * @param squares the sum of each entry's square: with the entries, how unevenly the revenue is spread over them
     */
    public record Earned(double amount, double squares, double entries) {

        public static final Earned NONE = new Earned(0, 0, 0);

        public Earned plus(double entry) {
            return new Earned(amount + entry, squares + entry * entry, entries + 1);
        }

        public Earned plus(Earned other) {
            return new Earned(amount + other.amount, squares + other.squares, entries + other.entries);
        }

        /** The same weighed, as evidence that fades with age. */
        Earned times(double weight) {
            return new Earned(weight * amount, weight * squares, weight * entries);
        }
    }
}
