package io.croupier.optimizer.thompson;

import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.statistics.distribution.ContinuousDistribution;
import org.apache.commons.statistics.distribution.GammaDistribution;

/**
 * What an offer's revenue per first deposit may be: a Gamma with the estimate's mean and standard error, so it stays
 * positive and keeps its uncertainty. The estimate adds two parts, each leaning on every offer's pooled value by
 * {@code priorDeposits}: revenue that came with the deposits over the deposits, and revenue that comes in the weeks
 * after over the deposits whose later revenue was due in the same stretch (the later revenue's exposure).
 * <p>
 * Each part's standard error comes from the spread of the revenue entries themselves, the entries of one deposit
 * taken as one player's: none for a fixed CPA, wide when a few players bring most of a RevShare offer's revenue.
 *
 * @param withDeposit the part that came with the deposit
 * @param later the part that comes after it
 */
public record ValuePosterior(double mean, double standardError, double withDeposit, double later) {

    /**
     * @param deposits first deposits seen (discounted by age)
     * @param withDeposit revenue that came with them (discounted alike)
     * @param pooledWithDeposit every offer's revenue with the deposit per deposit
     * @param later revenue that came later (discounted alike)
     * @param laterExposure per candidate lag, deposits by the share of their later revenue due in the same stretch
     *        (discounted alike)
     * @param pooledLater per candidate lag, every offer's later revenue per deposit
     */
    static ValuePosterior of(double deposits, OfferEvidence.Earned withDeposit, double pooledWithDeposit,
            OfferEvidence.Earned later, double[] laterExposure, double[] pooledLater, RevenueLag lag,
            double priorDeposits) {
        double nowWeight = deposits + priorDeposits;
        OfferEvidence.Earned nowSeen = withPrior(withDeposit, pooledWithDeposit, priorDeposits);
        double now = nowSeen.amount() / nowWeight;
        double nowVariance = variance(nowSeen, nowWeight);
        // A mixture over the candidate lags: its mean, and its variance (within and between candidates).
        double afterwards = 0;
        double secondMoment = 0;
        for (int c = 0; c < lag.candidates(); c++) {
            double weight = laterExposure[c] + priorDeposits;
            OfferEvidence.Earned laterSeen = withPrior(later, pooledLater[c], priorDeposits);
            double mean = laterSeen.amount() / weight;
            afterwards += lag.weight(c) * mean;
            secondMoment += lag.weight(c) * (variance(laterSeen, weight) + mean * mean);
        }
        double laterVariance = Math.max(secondMoment - afterwards * afterwards, 0);
        return new ValuePosterior(now + afterwards, Math.sqrt(nowVariance + laterVariance), now, afterwards);
    }

    /** The prior: {@code priorDeposits} entries of the pooled value. */
    private static OfferEvidence.Earned withPrior(OfferEvidence.Earned seen, double pooled, double priorDeposits) {
        return seen.plus(new OfferEvidence.Earned(priorDeposits * pooled, priorDeposits * pooled * pooled,
                priorDeposits));
    }

    /**
     * The variance of the mean revenue per deposit. Entries are not independent: a RevShare player's revenue comes in
     * many entries (a share of each period's profit), all as large or as small as the player. Taking each deposit's
     * entries as one player's, wholly alike, the mean per deposit varies {@code entries / deposits} times as much as
     * the entries' own spread over independent entries would say; for one entry per deposit (a CPA) both agree.
     * Equal entries (a fixed CPA) leave no doubt; before there are two entries' worth of evidence, the mean square
     * stands in for the variance.
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
}
