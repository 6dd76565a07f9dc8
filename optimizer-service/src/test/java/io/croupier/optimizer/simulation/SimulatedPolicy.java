package io.croupier.optimizer.simulation;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import io.croupier.optimizer.OptimizerSettings;
import io.croupier.optimizer.seed.OfferSample;
import io.croupier.optimizer.seed.OfferWeighting;
import io.croupier.optimizer.seed.WeightCalculator;
import io.croupier.optimizer.thompson.DelayAwareThompson;
import io.croupier.optimizer.thompson.OfferEvidence;
import io.croupier.routing.WeightSet;
import org.apache.commons.rng.simple.RandomSource;

/**
 * A routing policy under simulation: every {@link #interval()} it turns what the market's aggregates show into the
 * weight set click-service routes by.
 */
interface SimulatedPolicy {

    String name();

    Duration interval();

    WeightSet weigh(Market market, long now);

    /** Seed 001's policy with the service's own calculator and the service's settings. */
    static SimulatedPolicy seed(OptimizerSettings settings) {
        WeightCalculator calculator = new WeightCalculator(settings.seed().weightFloor());
        return new SimulatedPolicy() {

            @Override
            public String name() {
                return "seed 001 (EV of the last 1,000 clicks, 20 % exploration, every 6 h)";
            }

            @Override
            public Duration interval() {
                return settings.seed().recalculationInterval();
            }

            @Override
            public WeightSet weigh(Market market, long now) {
                List<OfferSample> samples = market.lastClicks(settings.seed().lastNClicks(), now);
                List<OfferWeighting> weighted = calculator.weigh(samples).offers();
                Map<String, Double> weights = new HashMap<>();
                for (OfferWeighting weighting : weighted) {
                    weights.put(Long.toString(weighting.sample().offerId()), weighting.weight().doubleValue());
                }
                return new WeightSet(Long.toString(now), settings.seed().explorationRate().doubleValue(), weights);
            }
        };
    }

    /**
     * The default policy, or a variant of it (delay-aware Thompson sampling, naive Thompson sampling), with the
     * service's own classes and settings.
     */
    static SimulatedPolicy thompson(String name, DelayAwareThompson policy, OptimizerSettings settings,
            Duration interval, long seed) {
        return new SimulatedPolicy() {

            @Override
            public String name() {
                return name;
            }

            @Override
            public Duration interval() {
                return interval;
            }

            @Override
            public WeightSet weigh(Market market, long now) {
                List<OfferEvidence> evidence = market.evidence(now, settings.thompson().history(), policy.grid());
                List<DelayAwareThompson.Assessment> assessed = policy.weigh(evidence, Market.START.plusMillis(now),
                        RandomSource.XO_RO_SHI_RO_128_PP.create(seed * 31 + now));
                Map<String, Double> weights = new HashMap<>();
                for (DelayAwareThompson.Assessment offer : assessed) {
                    // As stored and published: six decimals.
                    weights.put(Long.toString(offer.offer().offerId()),
                            BigDecimal.valueOf(offer.routing().weight()).setScale(6, RoundingMode.HALF_EVEN)
                                .doubleValue());
                }
                return new WeightSet(Long.toString(now), 0, weights);
            }
        };
    }

    /**
     * Binom-style auto-optimization, as its documentation describes it: per time frame (here an hour) each offer's
     * revenue and clicks are exponentially smoothed, its ratio is smoothed revenue per smoothed click, weights are each
     * ratio's share of their sum, and no offer falls below 5 % (the excess is taken from the others in proportion). No
     * delay correction: revenue counts in the hour it arrives.
     */
    static SimulatedPolicy binom(double smoothing) {
        return new SimulatedPolicy() {

            private final Map<Integer, double[]> smoothed = new HashMap<>();

            @Override
            public String name() {
                return "Binom-style smoothing (revenue per click, α " + smoothing + " per hour, 5 % minimum)";
            }

            @Override
            public Duration interval() {
                return Duration.ofHours(1);
            }

            @Override
            public WeightSet weigh(Market market, long now) {
                Map<Integer, Double> ratios = new HashMap<>();
                double total = 0;
                for (int offer = 0; offer < market.offers().size(); offer++) {
                    if (!market.offers().get(offer).activeOn(Market.day(now))) {
                        continue;
                    }
                    double[] state = smoothed.computeIfAbsent(offer, o -> new double[2]);
                    state[0] = smoothing * market.revenue(offer, now - Market.HOUR, now) + (1 - smoothing) * state[0];
                    state[1] = smoothing * market.clicks(offer, now - Market.HOUR, now) + (1 - smoothing) * state[1];
                    double ratio = state[1] > 0 ? Math.max(state[0], 0) / state[1] : 0;
                    ratios.put(offer, ratio);
                    total += ratio;
                }
                Map<String, Double> weights = new HashMap<>();
                double minimum = 0.05;
                double lifted = 0;
                double rest = 0;
                for (Map.Entry<Integer, Double> ratio : ratios.entrySet()) {
                    double share = total > 0 ? ratio.getValue() / total : 1.0 / ratios.size();
                    if (share < minimum) {
                        lifted += minimum - share;
                    }
                    else {
                        rest += share - minimum;
                    }
                }
                for (Map.Entry<Integer, Double> ratio : ratios.entrySet()) {
                    double share = total > 0 ? ratio.getValue() / total : 1.0 / ratios.size();
                    double adjusted = share < minimum ? minimum
                            : share - (rest > 0 ? lifted * (share - minimum) / rest : 0);
                    weights.put(Long.toString(ratio.getKey()), adjusted);
                }
                return new WeightSet(Long.toString(now), 0, weights);
            }
        };
    }
}
