package io.croupier.optimizer.seed;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.List;

/**
 * Seed 001's rule: {@code EV = (FTDs / clicks) × average payout}, {@code weight = EV / max EV}, never below the floor
 * so no active offer starves. Pure, so the simulation and the service share exactly the same arithmetic.
 */
public final class WeightCalculator {

    /** Decimals of every EV, rate and weight. */
    public static final int SCALE = 6;

    private static final BigDecimal HUNDRED = BigDecimal.valueOf(100);

    private final BigDecimal floor;

    public WeightCalculator(BigDecimal floor) {
        if (floor.signum() < 0 || floor.compareTo(BigDecimal.ONE) > 0) {
            throw new IllegalArgumentException("weight floor must be within [0, 1]: " + floor);
        }
        this.floor = floor.setScale(SCALE, RoundingMode.HALF_EVEN);
    }

    public Weighing weigh(List<OfferSample> samples) {
        List<Evaluated> evaluated = samples.stream().map(WeightCalculator::evaluate).toList();
        // Only offers that can receive traffic set the scale: an inactive star must not push the others to the floor.
        BigDecimal maxEv = evaluated.stream()
            .filter(e -> e.sample().active())
            .map(Evaluated::ev)
            .reduce(BigDecimal.ZERO, BigDecimal::max);
        return new Weighing(maxEv, evaluated.stream()
            .map(e -> new OfferWeighting(e.sample(), e.conversionRate(), e.averagePayout(), e.ev(),
                    weightOf(e, maxEv)))
            .toList());
    }

    private static Evaluated evaluate(OfferSample sample) {
        if (sample.clicks() <= 0) {
            return new Evaluated(sample, zero(), null, zero());
        }
        BigDecimal clicks = BigDecimal.valueOf(sample.clicks());
        BigDecimal conversionRate = conversionRate(sample.clicks(), sample.firstDeposits());
        if (sample.firstDeposits() <= 0) {
            return new Evaluated(sample, conversionRate, null, zero());
        }
        BigDecimal averagePayout = sample.payout()
            .divide(BigDecimal.valueOf(sample.firstDeposits()), SCALE, RoundingMode.HALF_EVEN);
        // (FTDs / clicks) × (payout / FTDs) is payout / clicks; dividing once avoids compounding two roundings.
        BigDecimal ev = sample.payout().divide(clicks, SCALE, RoundingMode.HALF_EVEN);
        return new Evaluated(sample, conversionRate, averagePayout, ev);
    }

    /** First deposits per 100 clicks, as seed 001 shows it (3.0 for 3 %); 0 without clicks. */
    public static BigDecimal conversionRate(long clicks, long firstDeposits) {
        if (clicks <= 0) {
            return zero();
        }
        return BigDecimal.valueOf(firstDeposits)
            .multiply(HUNDRED)
            .divide(BigDecimal.valueOf(clicks), SCALE, RoundingMode.HALF_EVEN);
    }

    private BigDecimal weightOf(Evaluated evaluated, BigDecimal maxEv) {
        if (!evaluated.sample().active()) {
            return zero();
        }
        if (maxEv.signum() <= 0 || evaluated.ev().signum() <= 0) {
            return floor;
        }
        return evaluated.ev().divide(maxEv, SCALE, RoundingMode.HALF_EVEN).max(floor);
    }

    private static BigDecimal zero() {
        return BigDecimal.ZERO.setScale(SCALE);
    }

    /**
     * @param maxEv the highest EV among active offers, the one that gets weight 1
     * @param offers one weighting per sample, in the samples' order
     */
    public record Weighing(BigDecimal maxEv, List<OfferWeighting> offers) {
    }

    private record Evaluated(OfferSample sample, BigDecimal conversionRate, BigDecimal averagePayout, BigDecimal ev) {
    }
}
