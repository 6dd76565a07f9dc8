package io.croupier.optimizer.thompson;

import java.time.Duration;
import java.util.List;

/**
 * How long after a first deposit the later revenue (RevShare shares of the players' losses) arrives: exponentially,
 * with a mean lag read from the history. No revenue entry names the deposit it follows, so the lag is read from the
 * aggregates: each candidate lag predicts every offer's daily later revenue from its past first deposits, up to one
 * value per deposit, and the candidates are weighed by how well they explain it (pooled over the offers, the
 * likelihood of a compound Poisson, whose variance the revenue entries' own sizes give: a day's swing from one big
 * player weighs as little as it should). The likelihood is the Poisson deviance, not Pearson's chi-square: while the
 * offer is young a long lag expects little revenue per day, and one big player's instalment on such a day would make
 * the chi-square (dividing by the small expectation) reject the long lag for the short ones, taking RevShare's value
 * for a fraction of what it is. A value per deposit is then estimated
 * under each candidate and mixed by these weights, so an uncertain lag widens the value's uncertainty instead of
 * jumping between candidates. When the deposits came evenly every lag explains the revenue alike, and then the lag
 * does not matter: in a steady flow revenue per deposit is right whatever the lag.
 */
final class RevenueLag {

    private static final long HOUR = Duration.ofHours(1).toMillis();

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

    static RevenueLag fit(List<Series> offers, int historyHours) {
        double[] misfits = new double[CANDIDATES.size()];
        int days = 0;
        for (int c = 0; c < CANDIDATES.size(); c++) {
            for (Series offer : offers) {
                Misfit misfit = misfit(CANDIDATES.get(c), offer, historyHours);
                misfits[c] += misfit.deviance();
                days += c == 0 ? misfit.days() : 0;
            }
        }
        double best = Double.POSITIVE_INFINITY;
        for (double misfit : misfits) {
            best = Math.min(best, misfit);
        }
        // Revenue more dispersed than a compound Poisson (one player's shares arrive on many days) says less about
        // the lag than its deviance suggests: the best fit's dispersion tempers the likelihood.
        double dispersion = days > 2 ? Math.max(1, best / (days - 2)) : 1;
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

    /**
     * For each hour, the later revenue expected in it per unit of value per deposit under candidate {@code c}: every
     * earlier hour's first deposits (taken at the start of their hour), by the share of their later revenue falling
     * into this hour.
     */
    double[] arrivals(int candidate, Series offer) {
        return arrivals(CANDIDATES.get(candidate), offer);
    }

    private static double[] arrivals(Duration lag, Series offer) {
        double kept = Math.exp(-(double) HOUR / lag.toMillis());
        double[] arrivals = new double[offer.hours()];
        double pending = 0;
        for (int h = 0; h < offer.hours(); h++) {
            pending = pending * kept + offer.firstDeposits(h);
            arrivals[h] = pending * (1 - kept);
        }
        return arrivals;
    }

    /**
     * How badly the candidate's arrivals explain the daily later revenue over the last {@code historyHours}: the
     * deviance of a compound Poisson, the value per deposit being later revenue over arrivals, and a day's revenue
     * counted in typical entries (summed squares over summed revenue), so that its variance is its expectation times
     * the entry's size. Nothing for an offer without later revenue; a day whose reversals outweigh its revenue counts
     * as a day without any.
     */
    private static Misfit misfit(Duration lag, Series offer, int historyHours) {
        double[] arrivals = arrivals(lag, offer);
        int from = Math.max(0, offer.hours() - historyHours);
        int days = (offer.hours() - from + 23) / 24;
        double[] expected = new double[days];
        double[] seen = new double[days];
        double revenue = 0;
        double squares = 0;
        double due = 0;
        for (int h = from; h < offer.hours(); h++) {
            expected[(h - from) / 24] += arrivals[h];
            seen[(h - from) / 24] += offer.laterRevenue(h);
            revenue += offer.later(h).amount();
            squares += offer.later(h).squares();
            due += arrivals[h];
        }
        if (!(revenue > 0) || !(due > 0)) {
            return new Misfit(0, 0);
        }
        double value = revenue / due;
        double entrySize = squares / revenue;
        double deviance = 0;
        int counted = 0;
        for (int d = 0; d < days; d++) {
            double mean = value * expected[d];
            if (mean > 0) {
                deviance += deviance(Math.max(seen[d], 0) / entrySize, mean / entrySize);
                counted++;
            }
        }
        return new Misfit(deviance, counted);
    }

    /** The Poisson deviance of {@code seen} against its expectation {@code mean}, both in entries. */
    static double deviance(double seen, double mean) {
        return 2 * ((seen > 0 ? seen * Math.log(seen / mean) : 0) - (seen - mean));
    }

    /** @param days the days that expected later revenue, each a term of the deviance */
    private record Misfit(double deviance, int days) {
    }
}
