package io.croupier.optimizer.thompson;

import java.time.Instant;
import java.util.Optional;

import org.apache.commons.statistics.distribution.BinomialDistribution;

/**
 * A change in an offer's first-deposit rate, found by testing whether the deposits that arrived since a candidate
 * moment are as many as the rest of the history predicts.
 * <p>
 * If the rate never changed, the deposits of the history fall into "since the split" and "before it" in proportion
 * to the deposits each part was due: each click expects its deposits spread over time by the offer's delay curve, so
 * the expectation counts traffic shifts and the deposits still on their way. Given the history's deposits, the number
 * since the split is then binomial with that proportion (exact, two-sided). Several splits are tried, half a day to
 * twelve days back, so the significance is divided among them; a change must also be large ({@code minimum}) to
 * count, so that a curve slightly off on a very busy offer is not taken for one.
 *
 * @param since the split: deposits from here on describe the offer as it is now
 * @param pValue the exact two-sided binomial test's p-value at that split
 * @param ratio the rate since the split over the rate before it (0.5: halved)
 */
public record RateChange(Instant since, double pValue, double ratio) {

    /** Candidate splits, hours before now. */
    static final int[] SPLITS_HOURS = {12, 24, 36, 48, 72, 96, 144, 192, 288};

    /**
     * The most significant change among the candidate splits, if any is significant and large.
     *
     * @param history how far back deposits count
     * @param significance the chance of reporting a change when there is none, for all splits together
     * @param minimum the smallest relative change that counts (0.25: the rate fell below 1/1.25 or rose above 1.25)
     */
    static Optional<RateChange> find(Series series, DelayCurve curve, long history, Instant now, double significance,
            double minimum) {
        long nowMillis = now.toEpochMilli();
        long historyStart = nowMillis - history;
        double expectedInHistory = expected(series, curve.arrivals(history, 0), now);
        long depositsInHistory = depositsSince(series, historyStart);
        if (depositsInHistory == 0 || expectedInHistory <= 0) {
            return Optional.empty();
        }
        double perSplit = significance / SPLITS_HOURS.length;
        RateChange found = null;
        for (int hours : SPLITS_HOURS) {
            long split = Math.floorDiv(nowMillis - hours * OfferEvidence.HOUR.toMillis(),
                    OfferEvidence.HOUR.toMillis()) * OfferEvidence.HOUR.toMillis();
            if (split <= historyStart) {
                continue;
            }
            double expectedSince = expected(series, curve.arrivals(nowMillis - split, 0), now);
            double share = expectedSince / expectedInHistory;
            if (share <= 0 || share >= 1) {
                continue;
            }
            long since = depositsSince(series, split);
            long before = depositsInHistory - since;
            double ratio = (since / expectedSince) / (before / (expectedInHistory - expectedSince));
            if (ratio > 1 / (1 + minimum) && ratio < 1 + minimum) {
                continue;
            }
            BinomialDistribution unchanged = BinomialDistribution.of(Math.toIntExact(depositsInHistory), share);
            double pValue = Math.min(1, 2 * Math.min(unchanged.cumulativeProbability(Math.toIntExact(since)),
                    unchanged.survivalProbability(Math.toIntExact(since) - 1)));
            if (pValue < perSplit && (found == null || pValue < found.pValue)) {
                found = new RateChange(Instant.ofEpochMilli(split), pValue, ratio);
            }
        }
        return Optional.ofNullable(found);
    }

    /** Deposits the series' clicks were due to bring within the arrivals' window, per deposit they will ever bring. */
    private static double expected(Series series, DelayCurve.Arrivals arrivals, Instant now) {
        double expected = 0;
        for (int h = 0; h < series.hours(); h++) {
            expected += series.clicks(h) * arrivals.of(DelayAwareThompson.ageOf(series.start(h), now));
        }
        return expected;
    }

    private static long depositsSince(Series series, long from) {
        long deposits = 0;
        for (int h = 0; h < series.hours(); h++) {
            if (series.start(h) >= from) {
                deposits += series.firstDeposits(h);
            }
        }
        return deposits;
    }
}
