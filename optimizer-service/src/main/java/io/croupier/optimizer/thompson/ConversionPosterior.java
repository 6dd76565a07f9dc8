package io.croupier.optimizer.thompson;

import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.statistics.distribution.BetaDistribution;
import org.apache.commons.statistics.distribution.ContinuousDistribution;

/**
 * What an offer's eventual first-deposit rate per click may be: Beta(alpha, beta). The evidence is the deposits seen
 * against the clicks' effective exposure, a click counting only by the share of its deposits due by now.
 */
public record ConversionPosterior(double alpha, double beta) {

    /**
     * @param deposits first deposits seen (discounted by age)
     * @param exposure clicks, each by the share of its deposits due by now (discounted alike)
     * @param pooledRate the rate across every offer, the prior's mean
     * @param priorDeposits how many deposits' worth the prior weighs
     */
    static ConversionPosterior of(double deposits, double exposure, double pooledRate, double priorDeposits) {
        double mean = Math.min(Math.max(pooledRate, 1e-6), 1 - 1e-6);
        return new ConversionPosterior(priorDeposits + deposits,
                priorDeposits * (1 - mean) / mean + Math.max(exposure - deposits, 0));
    }

    public double mean() {
        return alpha / (alpha + beta);
    }

    public double quantile(double probability) {
        return BetaDistribution.of(alpha, beta).inverseCumulativeProbability(probability);
    }

    ContinuousDistribution.Sampler sampler(UniformRandomProvider random) {
        return BetaDistribution.of(alpha, beta).createSampler(random);
    }
}
