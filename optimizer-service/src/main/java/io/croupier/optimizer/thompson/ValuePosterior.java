package io.croupier.optimizer.thompson;

import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.statistics.distribution.ContinuousDistribution;
import org.apache.commons.statistics.distribution.GammaDistribution;

/**
 * What an offer's revenue per first deposit may be: a Gamma with the estimate's mean and standard error, so it stays
 * positive and keeps its uncertainty. The estimate adds two parts, each leaning on every offer's pooled value by
 * {@code priorDeposits}: revenue that came with the deposits over the deposits, and revenue that comes in the weeks
 * after, read from the deposit cohorts.
 * <p>
 * The part with the deposit takes its standard error from the spread of its entries: none for a fixed CPA. The later
 * part is a ratio over the players: each cohort's later revenue to date over its depositors counted by the share of
 * their later revenue due by now (its matured depositors), so a matured cohort's value is read as it is and a young
 * one's only in proportion to what it has had time to show. Its variance is the ratio estimator's, from each player's
 * own revenue to date against what the value predicts for him: wide while few players have matured (a few big ones
 * unseen or seen decide it), narrowing as they mature; the pooled players' spread stands in for
 * {@code priorDeposits} of them, so a value read from a handful of players is not taken for certain. Under each
 * candidate lag a value and a variance; the posterior is their mixture, so the lag's uncertainty widens it too.
 *
 * @param withDeposit the part that came with the deposit
 * @param later the part that comes after it
 * @param maturedDepositors how many depositors' worth of later revenue the cohorts have had time to show, under the
 *        lag as weighed (discounted by age)
 * @param laterStandardError the later part's standard error
 */
public record ValuePosterior(double mean, double standardError, double withDeposit, double later,
        double maturedDepositors, double laterStandardError) {

    /**
     * @param deposits first deposits seen (discounted by age)
     * @param withDeposit revenue that came with them (discounted alike)
     * @param pooledWithDeposit every offer's revenue with the deposit per deposit
     * @param later the cohorts' later revenue to date, as players (discounted alike)
     * @param cohorts per candidate lag, the cohorts' matured depositors and the sums the players' spread needs
     * @param pooled per candidate lag, every offer's later revenue per matured depositor and its players' spread
     * @param maturedDepositors the matured depositors under the lag as weighed
     */
    static ValuePosterior of(double deposits, OfferEvidence.Earned withDeposit, double pooledWithDeposit,
            OfferEvidence.Earned later, Cohorts[] cohorts, PooledLater[] pooled, RevenueLag lag,
            double maturedDepositors, double priorDeposits) {
        double nowWeight = deposits + priorDeposits;
        OfferEvidence.Earned nowSeen = withPrior(withDeposit, pooledWithDeposit, priorDeposits);
        double now = nowSeen.amount() / nowWeight;
        double nowVariance = variance(nowSeen, nowWeight);
        // A mixture over the candidate lags: its mean, and its variance (within and between candidates).
        double afterwards = 0;
        double secondMoment = 0;
        for (int c = 0; c < lag.candidates(); c++) {
            double weight = cohorts[c].matured() + priorDeposits;
            double mean = (later.amount() + priorDeposits * pooled[c].value()) / weight;
            double spread = Math.max(cohorts[c].residualSquares(later.squares(), mean), 0)
                    + priorDeposits * pooled[c].variance();
            afterwards += lag.weight(c) * mean;
            secondMoment += lag.weight(c) * (spread / (weight * weight) + mean * mean);
        }
        double laterVariance = Math.max(secondMoment - afterwards * afterwards, 0);
        return new ValuePosterior(now + afterwards, Math.sqrt(nowVariance + laterVariance), now, afterwards,
                maturedDepositors, Math.sqrt(laterVariance));
    }

    /** The prior: {@code priorDeposits} entries of the pooled value. */
    private static OfferEvidence.Earned withPrior(OfferEvidence.Earned seen, double pooled, double priorDeposits) {
        return seen.plus(new OfferEvidence.Earned(priorDeposits * pooled, priorDeposits * pooled * pooled,
                priorDeposits));
    }

    /**
     * The variance of the mean revenue per deposit that came with the deposit. Taking each deposit's entries as one
     * player's, wholly alike, the mean per deposit varies {@code entries / deposits} times as much as the entries' own
     * spread over independent entries would say; for one entry per deposit (a CPA) both agree. Equal entries (a fixed
     * CPA) leave no doubt; before there are two entries' worth of evidence, the mean square stands in for the
     * variance.
     */
    private static double variance(OfferEvidence.Earned seen, double deposits) {
        double entries = seen.entries();
        if (entries <= 1) {
            return seen.squares() / (deposits * deposits);
        }
        double perEntry = Math.max(seen.squares() / entries - Math.pow(seen.amount() / entries, 2), 0)
                * entries / (entries - 1);
        double entriesPerDeposit = Math.max(entries / deposits, 1);
        return entriesPerDeposit * entries * perEntry / (deposits * deposits);
    }

    /** Draws a value per deposit; an offer whose reversals outweigh its revenue is worth nothing, not less. */
    ContinuousDistribution.Sampler sampler(UniformRandomProvider random) {
        if (!(mean > 0)) {
            return () -> 0;
        }
        if (!(standardError > 0)) {
            return () -> mean;
        }
        double variance = standardError * standardError;
        return GammaDistribution.of(mean * mean / variance, variance / mean).createSampler(random);
    }

    /**
     * One offer's deposit cohorts under one candidate lag, each cohort's sums discounted by its age: with G a cohort's
     * matured share, n its depositors and Y its players' later revenue to date, {@code matured} = Σ n·G,
     * {@code cross} = Σ G·Y, {@code square} = Σ n·G².
     */
    record Cohorts(double matured, double cross, double square) {

        static final Cohorts NONE = new Cohorts(0, 0, 0);

        Cohorts plus(double depositors, double maturedShare, double revenue) {
            return new Cohorts(matured + depositors * maturedShare, cross + maturedShare * revenue,
                    square + depositors * maturedShare * maturedShare);
        }

        Cohorts plus(Cohorts other) {
            return new Cohorts(matured + other.matured, cross + other.cross, square + other.square);
        }

        /**
         * Σ over every depositor of (his revenue to date − value × G)², from the players' squares: the depositors
         * without any later revenue yet count too, each by (value × G)².
         */
        double residualSquares(double playerSquares, double value) {
            return playerSquares - 2 * value * cross + value * value * square;
        }
    }

    /**
     * Every offer's cohorts together under one candidate lag.
     *
     * @param value later revenue per matured depositor
     * @param variance the players' spread around it per matured depositor
     */
    record PooledLater(double value, double variance) {
    }
}
