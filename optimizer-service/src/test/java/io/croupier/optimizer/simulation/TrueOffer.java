package io.croupier.optimizer.simulation;

import java.time.Duration;

import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.statistics.distribution.ContinuousDistribution;
import org.apache.commons.statistics.distribution.ExponentialDistribution;
import org.apache.commons.statistics.distribution.LogNormalDistribution;

/**
 * What a simulated offer really does, which no policy sees: its first-deposit rate per click (which may change on a
 * given day), how long after the click its players deposit, and what a depositor is worth: a CPA paid with the first
 * deposit, and RevShare revenue that arrives in instalments over the following weeks, very unevenly across players.
 *
 * @param changedRate the rate from {@code changeDay} on; NaN when it never changes
 * @param medianDelay the median click-to-deposit delay; delays are log-normal with spread {@code delaySpread}
 * @param revShareValue a depositor's mean RevShare revenue; 0 for a CPA-only deal
 * @param revShareLag the mean wait for each RevShare instalment after the deposit (exponential)
 * @param addedOnDay the day the offer becomes active (0: from the start)
 */
record TrueOffer(String name, double rate, double changedRate, int changeDay, Duration medianDelay,
        double delaySpread, double cpa, double revShareValue, Duration revShareLag, int addedOnDay) {

    /** How unevenly RevShare revenue is spread over players (log-normal sigma): a few players bring most of it. */
    static final double PLAYER_VALUE_SPREAD = 1.2;

    /** RevShare revenue of one player arrives in this many instalments. */
    static final int INSTALMENTS = 8;

    static TrueOffer cpa(String name, double rate, double cpa, Duration medianDelay, double delaySpread) {
        return new TrueOffer(name, rate, Double.NaN, 0, medianDelay, delaySpread, cpa, 0, Duration.ZERO, 0);
    }

    static TrueOffer revShare(String name, double rate, double value, Duration lag, Duration medianDelay,
            double delaySpread) {
        return new TrueOffer(name, rate, Double.NaN, 0, medianDelay, delaySpread, 0, value, lag, 0);
    }

    static TrueOffer hybrid(String name, double rate, double cpa, double value, Duration lag, Duration medianDelay,
            double delaySpread) {
        return new TrueOffer(name, rate, Double.NaN, 0, medianDelay, delaySpread, cpa, value, lag, 0);
    }

    TrueOffer changingOn(int day, double newRate) {
        return new TrueOffer(name, rate, newRate, day, medianDelay, delaySpread, cpa, revShareValue, revShareLag,
                addedOnDay);
    }

    TrueOffer addedOn(int day) {
        return new TrueOffer(name, rate, changedRate, changeDay, medianDelay, delaySpread, cpa, revShareValue,
                revShareLag, day);
    }

    double rateOn(double day) {
        return Double.isNaN(changedRate) || day < changeDay ? rate : changedRate;
    }

    boolean activeOn(double day) {
        return day >= addedOnDay;
    }

    /** True expected revenue per click. */
    double evOn(double day) {
        return rateOn(day) * (cpa + revShareValue);
    }

    ContinuousDistribution.Sampler delays(UniformRandomProvider random) {
        return LogNormalDistribution.of(Math.log(medianDelay.toMillis()), delaySpread).createSampler(random);
    }

    /** One depositor's total RevShare revenue: log-normal with mean {@code revShareValue}. */
    ContinuousDistribution.Sampler playerValues(UniformRandomProvider random) {
        double sigma = PLAYER_VALUE_SPREAD;
        return LogNormalDistribution.of(Math.log(Math.max(revShareValue, 1e-9)) - sigma * sigma / 2, sigma)
            .createSampler(random);
    }

    ContinuousDistribution.Sampler instalmentLags(UniformRandomProvider random) {
        return ExponentialDistribution.of(Math.max(revShareLag.toMillis(), 1)).createSampler(random);
    }
}
