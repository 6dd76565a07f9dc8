package io.croupier.optimizer.thompson;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The share of an offer's first deposits (of those that come within the horizon) that have arrived a given time
 * after the click: F(delay), known at the {@link DelayGrid}'s points and linear between them, F(0) = 0, F(horizon) = 1.
 */
public final class DelayCurve {

    private final DelayGrid grid;

    /** F at each grid point. */
    private final double[] arrived;

    private DelayCurve(DelayGrid grid, double[] arrived) {
        this.grid = grid;
        this.arrived = arrived;
    }

    /** Every deposit counted as soon as its click is a few minutes old: what a policy without delay correction assumes. */
    public static DelayCurve immediate(DelayGrid grid) {
        double[] arrived = new double[grid.size()];
        Arrays.fill(arrived, 1);
        return new DelayCurve(grid, arrived);
    }

    /**
     * Estimates the curve from observed delays despite the newest clicks' deposits still being on their way: only
     * cohorts old enough to have shown every delay below {@code point(k + 1)} say which share of those came below
     * {@code point(k)}, and these ratios chain down from F(horizon) = 1 (the reverse-time product-limit estimator for
     * right-truncated delays). Each ratio leans on the prior's by {@code priorStrength} deposits, so a point with few
     * matured deposits follows the prior.
     */
    public static DelayCurve estimate(DelayObservations observations, DelayCurve prior, double priorStrength) {
        DelayGrid grid = observations.grid();
        double[] arrived = new double[grid.size()];
        arrived[grid.size() - 1] = 1;
        for (int k = grid.size() - 2; k >= 0; k--) {
            long matured = observations.shorterThan(k + 1, k + 1);
            long earlier = observations.shorterThan(k, k + 1);
            double priorRatio = prior.arrived[k + 1] > 0 ? prior.arrived[k] / prior.arrived[k + 1] : 0;
            double ratio = (earlier + priorStrength * priorRatio) / (matured + priorStrength);
            arrived[k] = ratio * arrived[k + 1];
        }
        return new DelayCurve(grid, arrived);
    }

    /** F(delay): the share of deposits arrived {@code delayMillis} after the click. */
    public double arrivedBy(long delayMillis) {
        if (delayMillis <= 0) {
            return 0;
        }
        for (int k = 0; k < grid.size(); k++) {
            if (delayMillis < grid.point(k)) {
                long from = k == 0 ? 0 : grid.point(k - 1);
                double arrivedFrom = k == 0 ? 0 : arrived[k - 1];
                return arrivedFrom + (arrived[k] - arrivedFrom) * (delayMillis - from) / (grid.point(k) - from);
            }
        }
        return 1;
    }

    /**
     * Counts expected deposits for clicks of any age, as of one moment: how many deposits one click of a given age is
     * expected to have produced within the last {@code windowMillis}, per eventual deposit, each weighed by
     * {@code exp(-decay × the deposit's age)}.
     *
     * @param decay per millisecond; 0 weighs every deposit alike
     */
    Arrivals arrivals(long windowMillis, double decay) {
        return new Arrivals(windowMillis, decay);
    }

    /** The curve at its grid points, for the explanation of a weight set. */
    public List<Point> points() {
        List<Point> points = new ArrayList<>(grid.size());
        for (int k = 0; k < grid.size(); k++) {
            points.add(new Point(Duration.ofMillis(grid.point(k)), arrived[k]));
        }
        return points;
    }

    /** @param arrived the share of the deposits that come within the horizon which have come {@code after} the click */
    public record Point(Duration after, double arrived) {
    }

    /**
     * The integral of {@code exp(-decay × (age - d)) dF(d)} over the delays d with {@code age - window <= d <= age}.
     * F is linear between points, so each piece integrates in closed form; a click past the horizon whose deposits
     * all lie within the window takes the whole curve, {@code exp(-decay × (age - horizon))} times a constant, so most
     * clicks cost one exponential.
     */
    final class Arrivals {

        private final long window;

        private final double decay;

        /** The whole curve's integral for a click exactly at the horizon. */
        private final double matured;

        private Arrivals(long window, double decay) {
            this.window = window;
            this.decay = decay;
            this.matured = integral(grid.horizon(), 0, grid.horizon());
        }

        double of(long ageMillis) {
            if (ageMillis >= grid.horizon() && ageMillis <= window) {
                return Math.exp(-decay * (ageMillis - grid.horizon())) * matured;
            }
            return integral(ageMillis, Math.max(0, ageMillis - window), Math.min(ageMillis, grid.horizon()));
        }

        private double integral(long age, double lower, double upper) {
            double total = 0;
            for (int k = 0; k < grid.size(); k++) {
                long from = k == 0 ? 0 : grid.point(k - 1);
                long to = grid.point(k);
                double low = Math.max(from, lower);
                double high = Math.min(to, upper);
                if (high <= low) {
                    continue;
                }
                double density = (arrived[k] - (k == 0 ? 0 : arrived[k - 1])) / (to - from);
                total += density * (decay == 0 ? high - low
                        : Math.exp(-decay * (age - high)) * -Math.expm1(-decay * (high - low)) / decay);
            }
            return total;
        }
    }
}
