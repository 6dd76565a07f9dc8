package io.croupier.optimizer.thompson;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.statistics.distribution.ContinuousDistribution;

/**
 * Routes to the offer that will earn the most per click, knowing that first deposits arrive hours to days after the
 * click. Pure, so the simulator and the service weigh with exactly the same arithmetic.
 * <ol>
 * <li>Each offer's delay curve F is estimated from its own first deposits whose clicks are old enough to have shown
 * them, leaning on the curve pooled over every offer where its own deposits are few.</li>
 * <li>Its conversion posterior counts a click only by the share of its deposits due by now: exposure = the sum over
 * hours of clicks × F(age), so the newest clicks are not taken for failures.</li>
 * <li>Its value per deposit: revenue over deposits, with a posterior from the revenue's own spread.</li>
 * <li>Evidence fades with a half-life, exposure and deposits alike, so a changed offer is noticed.</li>
 * <li>Thompson sampling: the routing share of an offer is its probability of having the highest conversion rate ×
 * value per deposit, estimated by drawing from the posteriors, plus a small floor for every active offer.</li>
 * </ol>
 */
public final class DelayAwareThompson {

    private final ThompsonSettings settings;

    private final boolean correctDelays;

    private final DelayGrid grid;

    private DelayAwareThompson(ThompsonSettings settings, boolean correctDelays) {
        this.settings = settings;
        this.correctDelays = correctDelays;
        this.grid = DelayGrid.upTo(settings.delayHorizon());
    }

    public static DelayAwareThompson of(ThompsonSettings settings) {
        return new DelayAwareThompson(settings, true);
    }

    /** The same policy taking every click for complete at once: the naive baseline the simulator compares against. */
    public static DelayAwareThompson withoutDelayCorrection(ThompsonSettings settings) {
        return new DelayAwareThompson(settings, false);
    }

    public DelayGrid grid() {
        return grid;
    }

    /** One assessment per offer, in the order given; only active offers get traffic. */
    public List<Assessment> weigh(List<OfferEvidence> offers, Instant now, UniformRandomProvider random) {
        DelayCurve pooledCurve = correctDelays ? DelayCurve.estimate(DelayObservations.pooled(grid,
                offers.stream().map(OfferEvidence::delays).toList()), DelayCurve.immediate(grid), 1)
                : DelayCurve.immediate(grid);
        List<Tally> tallies = new ArrayList<>(offers.size());
        double deposits = 0;
        double exposure = 0;
        double revenue = 0;
        for (OfferEvidence offer : offers) {
            DelayCurve curve = correctDelays
                    ? DelayCurve.estimate(offer.delays(), pooledCurve, settings.curvePriorStrength()) : pooledCurve;
            Tally tally = tally(offer, curve, now);
            tallies.add(tally);
            deposits += tally.deposits;
            exposure += tally.exposure;
            revenue += tally.revenue;
        }
        double pooledRate = (deposits + 0.5) / (exposure + 1);
        double pooledValue = deposits > 0 ? revenue / deposits : 0;
        List<ConversionPosterior> conversions = new ArrayList<>(offers.size());
        List<ValuePosterior> values = new ArrayList<>(offers.size());
        for (Tally tally : tallies) {
            conversions.add(ConversionPosterior.of(tally.deposits, tally.exposure, pooledRate,
                    settings.priorDeposits()));
            values.add(ValuePosterior.of(tally.revenue, tally.revenueSquares, tally.deposits, pooledValue,
                    settings.priorDeposits()));
        }
        double[] best = probabilityOfBeingBest(offers, conversions, values, random);
        double[] shares = shares(offers, best);
        double largest = 0;
        for (double share : shares) {
            largest = Math.max(largest, share);
        }
        List<Assessment> assessed = new ArrayList<>(offers.size());
        for (int i = 0; i < offers.size(); i++) {
            Tally tally = tallies.get(i);
            assessed.add(new Assessment(offers.get(i), tally.clicks, tally.rawDeposits, tally.rawRevenue,
                    tally.exposure, tally.deposits, tally.revenue, conversions.get(i), values.get(i), tally.curve,
                    offers.get(i).delays().withinHorizon(), best[i], shares[i],
                    largest > 0 ? shares[i] / largest : 0));
        }
        return assessed;
    }

    private Tally tally(OfferEvidence offer, DelayCurve curve, Instant now) {
        long history = settings.history().toMillis();
        double decay = Math.log(2) / settings.halfLife().toMillis();
        Tally tally = new Tally(curve);
        for (OfferEvidence.Hour hour : offer.hours()) {
            long age = ageOf(hour, now);
            tally.exposure += hour.clicks() * curve.discountedArrivals(age, history, decay);
            if (!hour.start().isBefore(now.minusMillis(history))) {
                double weight = Math.exp(-decay * age);
                tally.clicks += hour.clicks();
                tally.rawDeposits += hour.firstDeposits();
                tally.rawRevenue += hour.revenue();
                tally.deposits += weight * hour.firstDeposits();
                tally.revenue += weight * hour.revenue();
                tally.revenueSquares += weight * hour.revenueSquares();
            }
        }
        return tally;
    }

    /** From the middle of what has passed of the hour: the current hour is only partly over. */
    private static long ageOf(OfferEvidence.Hour hour, Instant now) {
        long start = hour.start().toEpochMilli();
        long end = Math.min(start + OfferEvidence.HOUR.toMillis(), now.toEpochMilli());
        return Math.max(0, now.toEpochMilli() - (start + end) / 2);
    }

    private double[] probabilityOfBeingBest(List<OfferEvidence> offers, List<ConversionPosterior> conversions,
            List<ValuePosterior> values, UniformRandomProvider random) {
        int n = offers.size();
        ContinuousDistribution.Sampler[] rates = new ContinuousDistribution.Sampler[n];
        ContinuousDistribution.Sampler[] perDeposit = new ContinuousDistribution.Sampler[n];
        for (int i = 0; i < n; i++) {
            if (offers.get(i).active()) {
                rates[i] = conversions.get(i).sampler(random);
                perDeposit[i] = values.get(i).sampler(random);
            }
        }
        double[] wins = new double[n];
        int[] tied = new int[n];
        for (int draw = 0; draw < settings.draws(); draw++) {
            double highest = Double.NEGATIVE_INFINITY;
            int ties = 0;
            for (int i = 0; i < n; i++) {
                if (rates[i] == null) {
                    continue;
                }
                double earning = rates[i].sample() * perDeposit[i].sample();
                if (earning > highest) {
                    highest = earning;
                    ties = 0;
                }
                if (earning == highest) {
                    tied[ties++] = i;
                }
            }
            // Ties happen only between offers known to earn nothing (or exactly alike): they share the win.
            for (int t = 0; t < ties; t++) {
                wins[tied[t]] += 1.0 / ties;
            }
        }
        for (int i = 0; i < n; i++) {
            wins[i] /= settings.draws();
        }
        return wins;
    }

    /** The probability of being best, with the floor every active offer keeps; inactive offers get nothing. */
    private double[] shares(List<OfferEvidence> offers, double[] best) {
        long active = offers.stream().filter(OfferEvidence::active).count();
        double floor = settings.floor().doubleValue();
        double[] shares = new double[offers.size()];
        for (int i = 0; i < offers.size(); i++) {
            if (offers.get(i).active()) {
                shares[i] = active * floor >= 1 ? 1.0 / active : floor + (1 - active * floor) * best[i];
            }
        }
        return shares;
    }

    /**
     * What the policy saw of one offer and concluded.
     *
     * @param clicks clicks over the history
     * @param firstDeposits first deposits over the history
     * @param revenue revenue over the history, in the reference currency
     * @param exposure clicks each counted by the share of its deposits due by now, discounted by age
     * @param deposits first deposits discounted by age: the conversion posterior's and the value's evidence
     * @param valueRevenue revenue discounted by age, the value's evidence
     * @param curveDeposits the offer's own deposits with a known delay that its curve was estimated from
     * @param probabilityBest the share of posterior draws in which this offer earned the most per click
     * @param share the share of clicks it should get: the probability of being best plus the floor
     * @param weight the share relative to the largest share, as published
     */
    public record Assessment(OfferEvidence offer, long clicks, long firstDeposits, double revenue, double exposure,
            double deposits, double valueRevenue, ConversionPosterior conversion, ValuePosterior value,
            DelayCurve curve, long curveDeposits, double probabilityBest, double share, double weight) {

        /** Expected revenue per click: the posterior means' product. */
        public double ev() {
            return conversion.mean() * Math.max(value.mean(), 0);
        }
    }

    private static final class Tally {

        private final DelayCurve curve;

        private long clicks;

        private long rawDeposits;

        private double rawRevenue;

        private double exposure;

        private double deposits;

        private double revenue;

        private double revenueSquares;

        Tally(DelayCurve curve) {
            this.curve = curve;
        }
    }
}
