package io.croupier.optimizer.simulation;

import java.util.Locale;

import org.apache.commons.statistics.descriptive.Mean;
import org.apache.commons.statistics.descriptive.Variance;
import org.apache.commons.statistics.distribution.TDistribution;

/** A figure over independent runs: its mean and the half-width of its 95 % confidence interval (Student's t). */
record Figure(double mean, double halfWidth, int runs) {

    static Figure of(double[] values) {
        double mean = Mean.of(values).getAsDouble();
        if (values.length < 2) {
            return new Figure(mean, Double.NaN, values.length);
        }
        double t = TDistribution.of(values.length - 1).inverseCumulativeProbability(0.975);
        return new Figure(mean, t * Math.sqrt(Variance.of(values).getAsDouble() / values.length), values.length);
    }

    String format(String pattern) {
        return String.format(Locale.ROOT, pattern + " ± " + pattern, mean, halfWidth);
    }

    String percent() {
        return String.format(Locale.ROOT, "%.1f %% ± %.1f", 100 * mean, 100 * halfWidth);
    }
}
