package io.croupier.optimizer.thompson;

import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.statistics.distribution.ContinuousDistribution;
import org.apache.commons.statistics.distribution.GammaDistribution;

/**
 * What an offer's revenue per first deposit may be: a Gamma with the estimate's mean and standard error, so it stays
 * positive and keeps its uncertainty. The estimate leans on every offer's pooled value by {@code priorDeposits}.
 * <p>
 * Its standard error comes from the spread of the revenue entries themselves (the square root of their summed squares
 * over the deposits): near zero for a fixed CPA, wide when a few players bring most of a RevShare offer's revenue.
 */
public record ValuePosterior(double mean, double standardError) {

    /**
     * @param revenue revenue seen, in the reference currency (discounted by age)
     * @param revenueSquares the sum of each entry's squared revenue (discounted alike)
     * @param deposits first deposits seen (discounted alike)
     */
    static ValuePosterior of(double revenue, double revenueSquares, double deposits, double pooledValue,
            double priorDeposits) {
        double weight = deposits + priorDeposits;
        double mean = (revenue + priorDeposits * pooledValue) / weight;
        double variance = (revenueSquares + priorDeposits * pooledValue * pooledValue) / (weight * weight);
        return new ValuePosterior(mean, Math.sqrt(variance));
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
