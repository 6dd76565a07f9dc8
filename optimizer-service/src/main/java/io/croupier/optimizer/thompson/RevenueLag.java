package io.croupier.optimizer.thompson;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * How long after a first deposit the later revenue (RevShare shares of the players' losses) arrives: exponentially,
 * with a mean lag read from the deposit cohorts. Every later revenue entry names its player's first deposit, so each
 * cohort (the first deposits of one hour) shows how much of its players' revenue has come by its age: under a
 * candidate lag, a cohort of age a has had 1 − e^(−a/lag) of it. Each candidate predicts every cohort's revenue to date
 * from its depositors, up to one value per depositor per offer, and the candidates are weighed by how well they
 * explain it (pooled over the offers, the likelihood of a compound Poisson whose unit is the typical player's revenue
 * to date: one big player weighs as little as he should). The likelihood is the Poisson deviance, not Pearson's
 * chi-square, which divides by the expectation and lets one big player of a young cohort reject the long lags. A value
 * per depositor is then estimated under each candidate and mixed by these weights, so an uncertain lag widens the
 * value's uncertainty instead of jumping between candidates. Old cohorts have had nearly all of it under any
 * plausible lag: where they are many, the lag hardly matters.
 */
final class RevenueLag {

    /** About a sixth apart from a day on, up to three weeks. */
    private static final List<Duration> CANDIDATES = List.of(Duration.ofHours(1), Duration.ofHours(6),
            Duration.ofHours(12), Duration.ofHours(18), Duration.ofDays(1), Duration.ofHours(30), Duration.ofHours(36),
            Duration.ofHours(42), Duration.ofDays(2), Duration.ofHours(60), Duration.ofDays(3), Duration.ofHours(84),
            Duration.ofDays(4), Duration.ofHours(108), Duration.ofDays(5), Duration.ofDays(6), Duration.ofDays(7),
            Duration.ofDays(8), Duration.ofDays(9), Duration.ofDays(10), Duration.ofDays(11), Duration.ofDays(12),
            Duration.ofDays(13), Duration.ofDays(14), Duration.ofDays(16), Duration.ofDays(18), Duration.ofDays(21));

    private final double[] weights;

    private RevenueLag(double[] weights) {
        this.weights = weights;
    }

    /** Weighs every candidate by the cohorts that made their first deposits from {@code historyStart} on. */
    static RevenueLag fit(List<Series> offers, long historyStart, Instant now) {
        double[] misfits = new double[CANDIDATES.size()];
        int cohorts = 0;
        for (int c = 0; c < CANDIDATES.size(); c++) {
            for (Series offer : offers) {
                Misfit misfit = misfit(CANDIDATES.get(c), offer, historyStart, now);
                misfits[c] += misfit.deviance();
                cohorts += c == 0 ? misfit.cohorts() : 0;
            }
        }
        double best = Double.POSITIVE_INFINITY;
        for (double misfit : misfits) {
            best = Math.min(best, misfit);
        }
        // Revenue more dispersed than a compound Poisson of typical players (a few players bring most of it) says
        // less about the lag than its deviance suggests: the best fit's dispersion tempers the likelihood.
        double dispersion = cohorts > 2 ? Math.max(1, best / (cohorts - 2)) : 1;
        double[] weights = new double[CANDIDATES.size()];
        double total = 0;
        for (int c = 0; c < CANDIDATES.size(); c++) {
            weights[c] = Math.exp(-(misfits[c] - best) / (2 * dispersion));
            total += weights[c];
        }
        for (int c = 0; c < CANDIDATES.size(); c++) {
            weights[c] /= total;
        }
        return new RevenueLag(weights);
    }

    /** Later revenue taken to arrive within the hour of its deposit: what a policy without delay correction assumes. */
    static RevenueLag immediate() {
        double[] weights = new double[CANDIDATES.size()];
        weights[0] = 1;
        return new RevenueLag(weights);
    }

    int candidates() {
        return CANDIDATES.size();
    }

    double weight(int candidate) {
        return weights[candidate];
    }

    /** The lag's mean over the candidates, as weighed. */
    Duration mean() {
        double millis = 0;
        for (int c = 0; c < CANDIDATES.size(); c++) {
            millis += weights[c] * CANDIDATES.get(c).toMillis();
        }
        return Duration.ofMinutes(Math.round(millis / 60_000));
    }

    /** The share of a cohort's later revenue that has come by {@code age} under candidate {@code c}. */
    double matured(int candidate, long age) {
        return matured(CANDIDATES.get(candidate), age);
    }

    /** The same under the mixture: how many depositors' worth of later revenue a cohort has shown. */
    double matured(long age) {
        double matured = 0;
        for (int c = 0; c < CANDIDATES.size(); c++) {
            matured += weights[c] * matured(c, age);
        }
        return matured;
    }

    private static double matured(Duration lag, long age) {
        return -Math.expm1(-(double) age / lag.toMillis());
    }

    /**
     * How badly the candidate explains the later revenue to date of every cohort of the offer: the deviance of a
     * compound Poisson, the value per depositor being the cohorts' later revenue over their matured depositors, and a
     * cohort's revenue counted in typical players (summed squares of the players' revenue over summed revenue), so
     * that its variance is its expectation times the player's size. Nothing for an offer without later revenue; a
     * cohort whose reversals outweigh its revenue counts as one without any.
     */
    private static Misfit misfit(Duration lag, Series offer, long historyStart, Instant now) {
        int from = offer.hourOf(historyStart);
        double revenue = 0;
        double squares = 0;
        double matured = 0;
        for (int h = from; h < offer.hours(); h++) {
            revenue += offer.later(h).amount();
            squares += offer.later(h).squares();
            matured += offer.firstDeposits(h) * matured(lag, DelayAwareThompson.ageOf(offer.start(h), now));
        }
        if (!(revenue > 0) || !(matured > 0) || !(squares > 0)) {
            return new Misfit(0, 0);
        }
        double value = revenue / matured;
        double playerSize = squares / revenue;
        double deviance = 0;
        int counted = 0;
        for (int h = from; h < offer.hours(); h++) {
            double mean = value * offer.firstDeposits(h)
                    * matured(lag, DelayAwareThompson.ageOf(offer.start(h), now));
            if (mean > 0) {
                deviance += deviance(Math.max(offer.later(h).amount(), 0) / playerSize, mean / playerSize);
                counted++;
            }
        }
        return new Misfit(deviance, counted);
    }

    /** The Poisson deviance of {@code seen} against its expectation {@code mean}, both in players. */
    static double deviance(double seen, double mean) {
        return 2 * ((seen > 0 ? seen * Math.log(seen / mean) : 0) - (seen - mean));
    }

    /** @param cohorts the cohorts that expected later revenue, each a term of the deviance */
    private record Misfit(double deviance, int cohorts) {
    }
}
