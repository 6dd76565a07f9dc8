package io.croupier.optimizer.thompson;

import java.util.Arrays;
import java.util.Collection;

/**
 * First deposits whose click is known, counted by how old their click is now (the cohort's age) and how long after
 * the click they came (the delay), both in {@link DelayGrid} buckets. The cohort's age says which delays could have
 * been observed at all: a click two hours old cannot have shown a deposit three days after it yet.
 */
public final class DelayObservations {

    private final DelayGrid grid;

    /** [cohort age bucket][delay bucket]. */
    private final long[][] counts;

    public DelayObservations(DelayGrid grid) {
        this.grid = grid;
        this.counts = new long[grid.size() + 1][grid.size() + 1];
    }

    public static DelayObservations pooled(DelayGrid grid, Collection<DelayObservations> each) {
        DelayObservations pooled = new DelayObservations(grid);
        for (DelayObservations observations : each) {
            for (int age = 0; age <= grid.size(); age++) {
                for (int delay = 0; delay <= grid.size(); delay++) {
                    pooled.counts[age][delay] += observations.counts[age][delay];
                }
            }
        }
        return pooled;
    }

    public DelayGrid grid() {
        return grid;
    }

    /** One deposit {@code delayMillis} after its click, which is {@code cohortAgeMillis} old now. */
    public void add(long cohortAgeMillis, long delayMillis) {
        add(grid.bucketOf(cohortAgeMillis), grid.bucketOf(delayMillis), 1);
    }

    public void add(int ageBucket, int delayBucket, long count) {
        counts[ageBucket][delayBucket] += count;
    }

    /** Deposits with a delay shorter than {@code point(delayPoint)} among the cohorts at least {@code point(agePoint)} old. */
    long shorterThan(int delayPoint, int agePoint) {
        long sum = 0;
        for (int age = agePoint + 1; age <= grid.size(); age++) {
            for (int delay = 0; delay <= delayPoint; delay++) {
                sum += counts[age][delay];
            }
        }
        return sum;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof DelayObservations observations && Arrays.equals(grid.points(), observations.grid.points())
                && Arrays.deepEquals(counts, observations.counts);
    }

    @Override
    public int hashCode() {
        return Arrays.deepHashCode(counts);
    }

    /** Every deposit within the horizon, which the curve is estimated from. */
    public long withinHorizon() {
        long sum = 0;
        for (long[] byDelay : counts) {
            for (int delay = 0; delay < grid.size(); delay++) {
                sum += byDelay[delay];
            }
        }
        return sum;
    }
}
