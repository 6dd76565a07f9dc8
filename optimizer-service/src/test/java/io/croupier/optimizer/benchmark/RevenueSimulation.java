package io.croupier.optimizer.benchmark;

import java.math.BigDecimal;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Deque;
import java.util.Iterator;
import java.util.List;
import java.util.Random;

import io.croupier.optimizer.weights.OfferSample;
import io.croupier.optimizer.weights.OfferWeighting;
import io.croupier.optimizer.weights.WeightCalculator;

/**
 * Routes simulated clicks by the optimizer's weights over simulated weeks and reports revenue per 1,000 clicks
 * against always choosing the truly best offer (the oracle), so later optimizer changes are compared on one figure.
 *
 * <p>Offers have fixed true conversion rates and payouts. Click-service's rule routes each click: 20 % of clicks go
 * to a uniformly chosen offer (exploration), 80 % follow the weights. Before the first set every weight is 1. Every
 * simulated hour is one performance window per offer; every six hours the weights are recomputed with the service's
 * own {@link WeightCalculator} from each offer's last N clicks, taking whole windows exactly as the service does.
 *
 * <p>Run: {@code mvn -o -q -pl optimizer-service test-compile exec:java -Dexec.classpathScope=test
 * -Dexec.mainClass=io.croupier.optimizer.benchmark.RevenueSimulation [-Dexec.args="days clicksPerHour runs"]}
 */
public final class RevenueSimulation {

    private static final double EXPLORATION = 0.20;

    private static final int LAST_N_CLICKS = 1000;

    private static final int HOURS_PER_CYCLE = 6;

    private static final BigDecimal FLOOR = new BigDecimal("0.1");

    /** True EV per click: 3.00, 3.60 (the best), 2.50, 2.50, 1.20. */
    private static final List<TrueOffer> OFFERS = List.of(new TrueOffer("Casino Alpha", 0.030, 100),
            new TrueOffer("Casino Beta", 0.020, 180), new TrueOffer("Casino Gamma", 0.050, 50),
            new TrueOffer("Casino Delta", 0.010, 250), new TrueOffer("Casino Epsilon", 0.008, 150));

    public static void main(String[] args) {
        int days = args.length > 0 ? Integer.parseInt(args[0]) : 14;
        int clicksPerHour = args.length > 1 ? Integer.parseInt(args[1]) : 500;
        int runs = args.length > 2 ? Integer.parseInt(args[2]) : 20;

        double oracle = OFFERS.stream().mapToDouble(TrueOffer::ev).max().orElseThrow() * 1000;
        double uniform = OFFERS.stream().mapToDouble(TrueOffer::ev).average().orElseThrow() * 1000;
        double ceiling = policyWithKnownEvs() * 1000;
        double realised = 0;
        double expected = 0;
        double lastDayExpected = 0;
        for (int run = 0; run < runs; run++) {
            Result result = new Run(new Random(run), days, clicksPerHour).simulate();
            realised += result.realisedPer1000();
            expected += result.expectedPer1000();
            lastDayExpected += result.lastDayExpectedPer1000();
        }
        realised /= runs;
        expected /= runs;
        lastDayExpected /= runs;

        System.out.printf("%d runs x %d days x %d clicks/hour, N = %d, floor %s, %.0f %% exploration%n", runs, days,
                clicksPerHour, LAST_N_CLICKS, FLOOR, EXPLORATION * 100);
        System.out.printf("oracle (always the best offer)        %8.2f per 1,000 clicks%n", oracle);
        System.out.printf("optimizer, realised                   %8.2f  (%.1f %% of oracle)%n", realised,
                100 * realised / oracle);
        System.out.printf("optimizer, expected (true EV routed)  %8.2f  (%.1f %% of oracle)%n", expected,
                100 * expected / oracle);
        System.out.printf("optimizer, expected on the last day   %8.2f  (%.1f %% of oracle)%n", lastDayExpected,
                100 * lastDayExpected / oracle);
        System.out.printf("same policy, true EVs known (ceiling) %8.2f  (%.1f %% of oracle)%n", ceiling,
                100 * ceiling / oracle);
        System.out.printf("uniform routing (no optimizer)        %8.2f  (%.1f %% of oracle)%n", uniform,
                100 * uniform / oracle);
    }

    /**
     * What the routing policy itself can earn per click if every EV were known exactly: the gap between this and the
     * oracle is the policy's (proportional weights, floor, exploration), the gap below it is estimation noise.
     */
    private static double policyWithKnownEvs() {
        List<OfferSample> truth = new ArrayList<>();
        for (int i = 0; i < OFFERS.size(); i++) {
            // EV exactly as a sample of 1,000,000 clicks paying the true EV per click.
            truth.add(new OfferSample(i, OFFERS.get(i).name(), true, 1_000_000, 1,
                    BigDecimal.valueOf(OFFERS.get(i).ev() * 1_000_000)));
        }
        List<OfferWeighting> weighted = new WeightCalculator(FLOOR).weigh(truth).offers();
        double weightSum = weighted.stream().mapToDouble(w -> w.weight().doubleValue()).sum();
        double exploit = 0;
        for (int i = 0; i < OFFERS.size(); i++) {
            exploit += weighted.get(i).weight().doubleValue() / weightSum * OFFERS.get(i).ev();
        }
        double explore = OFFERS.stream().mapToDouble(TrueOffer::ev).average().orElseThrow();
        return (1 - EXPLORATION) * exploit + EXPLORATION * explore;
    }

    private record TrueOffer(String name, double conversionRate, double payout) {

        double ev() {
            return conversionRate * payout;
        }
    }

    private record Window(long clicks, long ftds, double payout) {
    }

    private record Result(double realisedPer1000, double expectedPer1000, double lastDayExpectedPer1000) {
    }

    private static final class Run {

        private final Random random;

        private final int days;

        private final int clicksPerHour;

        private final List<Deque<Window>> history = new ArrayList<>();

        private double[] weights;

        Run(Random random, int days, int clicksPerHour) {
            this.random = random;
            this.days = days;
            this.clicksPerHour = clicksPerHour;
            this.weights = new double[OFFERS.size()];
            Arrays.fill(weights, 1.0);
            OFFERS.forEach(offer -> history.add(new ArrayDeque<>()));
        }

        Result simulate() {
            double realised = 0;
            double expected = 0;
            double lastDayExpected = 0;
            long clicks = 0;
            int hours = days * 24;
            for (int hour = 0; hour < hours; hour++) {
                long[] windowClicks = new long[OFFERS.size()];
                long[] windowFtds = new long[OFFERS.size()];
                for (int click = 0; click < clicksPerHour; click++) {
                    int chosen = route();
                    TrueOffer offer = OFFERS.get(chosen);
                    windowClicks[chosen]++;
                    expected += offer.ev();
                    if (hour >= hours - 24) {
                        lastDayExpected += offer.ev();
                    }
                    if (random.nextDouble() < offer.conversionRate()) {
                        windowFtds[chosen]++;
                        realised += offer.payout();
                    }
                    clicks++;
                }
                for (int i = 0; i < OFFERS.size(); i++) {
                    history.get(i).addFirst(new Window(windowClicks[i], windowFtds[i],
                            windowFtds[i] * OFFERS.get(i).payout()));
                }
                if ((hour + 1) % HOURS_PER_CYCLE == 0) {
                    recompute();
                }
            }
            return new Result(realised * 1000 / clicks, expected * 1000 / clicks,
                    lastDayExpected * 1000 / (24.0 * clicksPerHour));
        }

        /** Click-service's rule: explore uniformly, otherwise pick in proportion to the weights. */
        private int route() {
            if (random.nextDouble() < EXPLORATION) {
                return random.nextInt(OFFERS.size());
            }
            double total = 0;
            for (double weight : weights) {
                total += weight;
            }
            double point = random.nextDouble() * total;
            for (int i = 0; i < weights.length; i++) {
                point -= weights[i];
                if (point < 0) {
                    return i;
                }
            }
            return weights.length - 1;
        }

        private void recompute() {
            List<OfferSample> samples = new ArrayList<>();
            for (int i = 0; i < OFFERS.size(); i++) {
                samples.add(lastNClicks(i));
            }
            List<OfferWeighting> weighted = new WeightCalculator(FLOOR).weigh(samples).offers();
            for (int i = 0; i < weights.length; i++) {
                weights[i] = weighted.get(i).weight().doubleValue();
            }
        }

        /** The service's rule: whole windows, newest first, while the newer ones hold fewer than N clicks. */
        private OfferSample lastNClicks(int offer) {
            long clicks = 0;
            long ftds = 0;
            double payout = 0;
            Iterator<Window> newestFirst = history.get(offer).iterator();
            while (newestFirst.hasNext() && clicks < LAST_N_CLICKS) {
                Window window = newestFirst.next();
                clicks += window.clicks();
                ftds += window.ftds();
                payout += window.payout();
            }
            return new OfferSample(offer, OFFERS.get(offer).name(), true, clicks, ftds, BigDecimal.valueOf(payout));
        }
    }
}
