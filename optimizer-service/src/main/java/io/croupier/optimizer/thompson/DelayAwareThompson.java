package io.croupier.optimizer.thompson;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

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
 * <li>Its value per deposit: revenue that came with the deposits over the deposits, plus revenue that comes in the
 * weeks after (RevShare) over the deposits by the share of their later revenue due by now; the lag of later revenue is
 * fitted to the history. A posterior from the revenue's own spread.</li>
 * <li>Evidence fades with a half-life, exposure and deposits alike; the value per deposit with a longer one, since its
 * later revenue takes weeks to arrive. Where the deposits since some recent moment are significantly and clearly fewer
 * (or more) than the rest of the history predicts ({@link RateChange}), the conversion evidence from before it is
 * forgotten, so a changed offer is noticed within a day or two rather than a half-life.</li>
 * <li>Joint draws from the posteriors give each offer's probability of having the highest conversion rate × value per
 * deposit, the regret expected from routing to it and what routing to it would teach ({@link PosteriorDraws}). The
 * offer expected to earn the most gets the clicks the others leave; each other offer gets the smaller of its
 * probability of being best (Thompson sampling) and its information-directed share, which is nothing for an offer that
 * is surely worse or known to the cent. Every active offer keeps a small floor.</li>
 * </ol>
 */
public final class DelayAwareThompson {

    /** How many deposits' worth the curve pooled over every offer leans on "no delay" where it has no data. */
    private static final double POOLED_CURVE_PRIOR = 1;

    private final ThompsonSettings settings;

    private final boolean correctDelays;

    private final DelayGrid grid;

    private final ThompsonSettings.Allocation allocation;

    private DelayAwareThompson(ThompsonSettings settings, boolean correctDelays,
            ThompsonSettings.Allocation allocation) {
        this.settings = settings;
        this.correctDelays = correctDelays;
        this.allocation = allocation;
        this.grid = DelayGrid.upTo(settings.delayHorizon());
    }

    public static DelayAwareThompson of(ThompsonSettings settings) {
        return of(settings, settings.allocation());
    }

    /** The policy with the allocation given rather than the configured one: the simulator compares them. */
    public static DelayAwareThompson of(ThompsonSettings settings, ThompsonSettings.Allocation allocation) {
        return new DelayAwareThompson(settings, true, allocation);
    }

    /**
     * The same policy taking every click and every deposit for complete at once: the naive baseline the simulator
     * compares against.
     */
    public static DelayAwareThompson withoutDelayCorrection(ThompsonSettings settings) {
        return new DelayAwareThompson(settings, false, ThompsonSettings.Allocation.PROBABILITY_BEST);
    }

    public DelayGrid grid() {
        return grid;
    }

    /** One assessment per offer, in the order given; only active offers get traffic. */
    public List<Assessment> weigh(List<OfferEvidence> offers, Instant now, UniformRandomProvider random) {
        Duration span = settings.history().plusMillis(grid.horizon());
        List<Series> series = offers.stream().map(offer -> Series.of(offer, now, span)).toList();
        RevenueLag lag = correctDelays ? RevenueLag.fit(series, (int) settings.history().toHours())
                : RevenueLag.immediate();
        DelayCurve pooledCurve = correctDelays ? DelayCurve.estimate(DelayObservations.pooled(grid,
                offers.stream().map(OfferEvidence::delays).toList()), DelayCurve.immediate(grid), POOLED_CURVE_PRIOR)
                : DelayCurve.immediate(grid);
        List<Tally> tallies = new ArrayList<>(offers.size());
        for (int i = 0; i < offers.size(); i++) {
            DelayCurve curve = correctDelays ? DelayCurve.estimate(offers.get(i).delays(), pooledCurve,
                    settings.curvePriorStrength()) : pooledCurve;
            Optional<RateChange> change = correctDelays ? RateChange.find(series.get(i), curve,
                    settings.history().toMillis(), now, settings.changeSignificance(),
                    settings.changeMinimum().doubleValue()) : Optional.empty();
            tallies.add(tally(series.get(i), curve, change, lag, now));
        }
        Pooled pooled = Pooled.of(tallies, lag);
        List<ConversionPosterior> conversions = new ArrayList<>(offers.size());
        List<ValuePosterior> values = new ArrayList<>(offers.size());
        for (Tally tally : tallies) {
            conversions.add(ConversionPosterior.of(tally.deposits, tally.exposure, pooled.rate(),
                    settings.priorDeposits()));
            values.add(ValuePosterior.of(tally.valueDeposits, tally.withDeposit, pooled.withDeposit(), tally.later,
                    tally.laterExposure, pooled.later(), lag, settings.priorDeposits()));
        }
        PosteriorDraws draws = PosteriorDraws.of(draw(offers, conversions, values, random), offers.size());
        boolean[] active = active(offers);
        double[] best = draws.probabilityBest();
        double[] regret = draws.regret();
        double[] gain = draws.informationGain();
        double[] informationDirected = draws.informationDirected(active);
        double[] allocated = allocation == ThompsonSettings.Allocation.INFORMATION_DIRECTED
                ? draws.challengersCapped(informationDirected, active) : best;
        double[] shares = shares(offers, allocated);
        double largest = Arrays.stream(shares).max().orElse(0);
        List<Assessment> assessed = new ArrayList<>(offers.size());
        for (int i = 0; i < offers.size(); i++) {
            Tally tally = tallies.get(i);
            assessed.add(new Assessment(offers.get(i), tally.clicks, tally.rawDeposits, tally.exposure,
                    tally.deposits, tally.change, conversions.get(i), values.get(i), tally.curve,
                    offers.get(i).delays().withinHorizon(), lag.mean(), new Routing(best[i], regret[i], gain[i],
                            informationDirected[i], allocated[i], shares[i], largest > 0 ? shares[i] / largest : 0)));
        }
        return assessed;
    }

    /**
     * The conversion evidence since the offer's rate changed, if it did, else over the history; the value per deposit
     * always over the history (a drop in quality shows in the rate first, and later revenue takes weeks to arrive).
     */
    private Tally tally(Series series, DelayCurve curve, Optional<RateChange> change, RevenueLag lag, Instant now) {
        long history = settings.history().toMillis();
        long conversionFrom = change.map(found -> found.since().toEpochMilli())
            .orElse(now.toEpochMilli() - history);
        double decay = Math.log(2) / settings.halfLife().toMillis();
        double valueDecay = Math.log(2) / settings.valueHalfLife().toMillis();
        DelayCurve.Arrivals arrivals = curve.arrivals(now.toEpochMilli() - conversionFrom, decay);
        double[][] laterArrivals = new double[lag.candidates()][];
        for (int c = 0; c < lag.candidates(); c++) {
            laterArrivals[c] = lag.arrivals(c, series);
        }
        Tally tally = new Tally(curve, change, lag.candidates());
        for (int h = 0; h < series.hours(); h++) {
            long age = ageOf(series.start(h), now);
            tally.exposure += series.clicks(h) * arrivals.of(age);
            if (series.start(h) >= now.toEpochMilli() - history) {
                double weight = Math.exp(-valueDecay * age);
                tally.clicks += series.clicks(h);
                tally.rawDeposits += series.firstDeposits(h);
                if (series.start(h) >= conversionFrom) {
                    tally.deposits += Math.exp(-decay * age) * series.firstDeposits(h);
                }
                tally.valueDeposits += weight * series.firstDeposits(h);
                tally.withDeposit = tally.withDeposit.plus(series.withDeposit(h).times(weight));
                tally.later = tally.later.plus(series.later(h).times(weight));
                for (int c = 0; c < lag.candidates(); c++) {
                    tally.laterExposure[c] += weight * laterArrivals[c][h];
                }
            }
        }
        return tally;
    }

    /** From the middle of what has passed of the hour: the current hour is only partly over. */
    static long ageOf(long start, Instant now) {
        long end = Math.min(start + OfferEvidence.HOUR.toMillis(), now.toEpochMilli());
        return Math.max(0, now.toEpochMilli() - (start + end) / 2);
    }

    private double[][] draw(List<OfferEvidence> offers, List<ConversionPosterior> conversions,
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
        double[][] earnings = new double[settings.draws()][n];
        for (double[] draw : earnings) {
            for (int i = 0; i < n; i++) {
                draw[i] = rates[i] == null ? Double.NaN : rates[i].sample() * perDeposit[i].sample();
            }
        }
        return earnings;
    }

    private static boolean[] active(List<OfferEvidence> offers) {
        boolean[] active = new boolean[offers.size()];
        for (int i = 0; i < active.length; i++) {
            active[i] = offers.get(i).active();
        }
        return active;
    }

    /** The allocation, with the floor every active offer keeps; inactive offers get nothing. */
    private double[] shares(List<OfferEvidence> offers, double[] allocated) {
        long active = offers.stream().filter(OfferEvidence::active).count();
        double floor = settings.floor().doubleValue();
        double[] shares = new double[offers.size()];
        for (int i = 0; i < offers.size(); i++) {
            if (offers.get(i).active()) {
                shares[i] = active * floor >= 1 ? 1.0 / active : floor + (1 - active * floor) * allocated[i];
            }
        }
        return shares;
    }

    /**
     * What the policy saw of one offer and concluded.
     *
     * @param clicks clicks over the history
     * @param firstDeposits first deposits over the history
     * @param exposure clicks each counted by the share of its deposits due by now, discounted by age
     * @param deposits first deposits discounted by age: the conversion posterior's evidence
     * @param change the change in the offer's rate found in the history, if any: exposure and deposits count from then
     * @param curveDeposits the offer's own deposits with a known delay that its curve was estimated from
     * @param revenueLag the mean lag of later revenue after the deposit, fitted over every offer
     * @param routing how the posterior draws became its share of the clicks
     */
    public record Assessment(OfferEvidence offer, long clicks, long firstDeposits, double exposure, double deposits,
            Optional<RateChange> change, ConversionPosterior conversion, ValuePosterior value, DelayCurve curve,
            long curveDeposits, Duration revenueLag, Routing routing) {

        /** Expected revenue per click: the posterior means' product. */
        public double ev() {
            return conversion.mean() * Math.max(value.mean(), 0);
        }
    }

    /**
     * How one offer's share of the clicks was concluded from the posterior draws.
     *
     * @param probabilityBest the share of posterior draws in which this offer earned the most per click
     * @param expectedRegret the highest earning per click expected over the posteriors less this offer's own
     * @param informationGain what a click routed to it is expected to tell about which offer is the best (the
     *        variance, over which offer is the best, of its expected earning given that)
     * @param informationDirected its share under information-directed sampling
     * @param allocated its share before the floor: under the default allocation, the smaller of the last and its
     *        probability of being best, or, for the offer expected to earn the most, what the others leave
     * @param share the share of clicks it should get: the floor plus the rest in proportion to {@code allocated}
     * @param weight the share relative to the largest share, as published
     */
    public record Routing(double probabilityBest, double expectedRegret, double informationGain,
            double informationDirected, double allocated, double share, double weight) {
    }

    /**
     * What every offer shows together, the priors of each offer's own estimates.
     *
     * @param rate first deposits per unit of exposure
     * @param withDeposit revenue with the deposit per deposit
     * @param later per candidate revenue lag, later revenue per deposit whose later revenue was due
     */
    private record Pooled(double rate, double withDeposit, double[] later) {

        static Pooled of(List<Tally> tallies, RevenueLag lag) {
            double deposits = 0;
            double exposure = 0;
            double valueDeposits = 0;
            double withDeposit = 0;
            double later = 0;
            double[] laterExposure = new double[lag.candidates()];
            for (Tally tally : tallies) {
                deposits += tally.deposits;
                exposure += tally.exposure;
                valueDeposits += tally.valueDeposits;
                withDeposit += tally.withDeposit.amount();
                later += tally.later.amount();
                for (int c = 0; c < lag.candidates(); c++) {
                    laterExposure[c] += tally.laterExposure[c];
                }
            }
            double[] laterValue = new double[lag.candidates()];
            for (int c = 0; c < lag.candidates(); c++) {
                laterValue[c] = laterExposure[c] > 0 ? later / laterExposure[c] : 0;
            }
            // Half a deposit in one click's exposure: without any evidence the prior's mean is even odds.
            return new Pooled((deposits + 0.5) / (exposure + 1), valueDeposits > 0 ? withDeposit / valueDeposits : 0,
                    laterValue);
        }
    }

    private static final class Tally {

        private final DelayCurve curve;

        private final Optional<RateChange> change;

        private long clicks;

        private long rawDeposits;

        private double exposure;

        private double deposits;

        private double valueDeposits;

        private OfferEvidence.Earned withDeposit = OfferEvidence.Earned.NONE;

        private OfferEvidence.Earned later = OfferEvidence.Earned.NONE;

        /** Per candidate revenue lag. */
        private final double[] laterExposure;

        Tally(DelayCurve curve, Optional<RateChange> change, int lags) {
            this.curve = curve;
            this.change = change;
            this.laterExposure = new double[lags];
        }
    }
}
