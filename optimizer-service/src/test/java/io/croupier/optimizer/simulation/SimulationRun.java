package io.croupier.optimizer.simulation;

import java.util.ArrayList;
import java.util.List;
import java.util.random.RandomGenerator;

import io.croupier.routing.Candidate;
import io.croupier.routing.RoutingTable;
import io.croupier.routing.WeightSet;
import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.simple.RandomSource;

/**
 * One run of one policy on one scenario: hour by hour, the policy weighs when its interval is due (and at once when an
 * offer is added, as the service does), and every click is routed by offer-routing's {@link RoutingTable}, exactly as
 * click-service routes it. Revenue is measured as the true expected revenue of each routed click, so conversion luck
 * does not blur the comparison; the oracle sends every click to the offer with the highest true EV at that moment.
 */
final class SimulationRun {

    private SimulationRun() {
    }

    static Outcome run(Scenario scenario, SimulatedPolicy policy, long seed) {
        UniformRandomProvider random = RandomSource.XO_RO_SHI_RO_128_PP.create(seed);
        RandomGenerator routing = random::nextLong;
        List<TrueOffer> offers = scenario.offers();
        Market market = new Market(offers, scenario.days(), random);
        int hours = scenario.days() * 24;
        long[][] routed = new long[offers.size()][hours];
        long interval = policy.interval().toMillis();
        double earned = 0;
        double oracle = 0;
        long measured = 0;
        double earnedSettled = 0;
        double oracleSettled = 0;
        long nextWeighing = 0;
        int known = 0;
        WeightSet weights = null;
        for (int h = 0; h < hours; h++) {
            long hour = h * Market.HOUR;
            List<Candidate<Integer>> active = active(offers, hour);
            if (hour >= nextWeighing || active.size() != known) {
                weights = policy.weigh(market, hour);
                nextWeighing = (hour / interval + 1) * interval;
                known = active.size();
            }
            RoutingTable<Integer> table = RoutingTable.of(active, weights);
            int clicks = scenario.clicksIn(h);
            for (int i = 0; i < clicks; i++) {
                long time = hour + random.nextLong(Market.HOUR);
                int offer = table.route(routing).orElseThrow().offer();
                market.click(offer, time);
                routed[offer][h]++;
                double day = Market.day(time);
                if (day >= scenario.measuredFrom()) {
                    earned += offers.get(offer).evOn(day);
                    oracle += best(offers, day);
                    measured++;
                }
                if (day >= Scenario.SETTLED) {
                    earnedSettled += offers.get(offer).evOn(day);
                    oracleSettled += best(offers, day);
                }
            }
        }
        return new Outcome(earned * 1000 / measured, oracle * 1000 / measured, earnedSettled / oracleSettled,
                reaction(scenario, market, routed));
    }

    private static List<Candidate<Integer>> active(List<TrueOffer> offers, long time) {
        List<Candidate<Integer>> active = new ArrayList<>();
        for (int offer = 0; offer < offers.size(); offer++) {
            if (offers.get(offer).activeOn(Market.day(time))) {
                active.add(new Candidate<>(Integer.toString(offer), 1.0, offer));
            }
        }
        return active;
    }

    private static double best(List<TrueOffer> offers, double day) {
        double best = 0;
        for (TrueOffer offer : offers) {
            if (offer.activeOn(day)) {
                best = Math.max(best, offer.evOn(day));
            }
        }
        return best;
    }

    /**
     * How traffic reacted to the scenario's change. For a quality drop: the hours after the drop until the offer's
     * share of clicks (over six hours) fell below half its share before, and its first deposits that happened
     * meanwhile, the conversions the policy had to see. For an added offer: its clicks and first deposits in its first
     * week, its share on the seventh day, the hours until its share (over six hours) passed half, and when it was
     * judged: the hour from which its share (over six hours) stayed above half or below 5 % for the rest of its first
     * week, with its clicks and first deposits until then (NaN and -1: it was not judged within the week).
     */
    private static Reaction reaction(Scenario scenario, Market market, long[][] routed) {
        int offer = scenario.changed();
        if (offer < 0) {
            return null;
        }
        TrueOffer changed = scenario.offers().get(offer);
        int from = (Double.isNaN(changed.changedRate()) ? changed.addedOnDay() : changed.changeDay()) * 24;
        double before = share(routed, offer, from - 72, from);
        double movedAt = Double.NaN;
        for (int h = from + 6; h <= routed[offer].length; h++) {
            double recent = share(routed, offer, h - 6, h);
            boolean moved = Double.isNaN(changed.changedRate()) ? recent > 0.5 : recent < before / 2;
            if (moved) {
                movedAt = h;
                break;
            }
        }
        long weekClicks = 0;
        for (int h = from; h < from + 7 * 24 && h < routed[offer].length; h++) {
            weekClicks += routed[offer][h];
        }
        long conversionsUntilMoved = Double.isNaN(movedAt) ? -1
                : market.deposits(offer, from * Market.HOUR, (long) movedAt * Market.HOUR);
        int judgedAt = Double.isNaN(changed.changedRate()) ? judged(routed, offer, from) : -1;
        long clicksUntilJudged = 0;
        for (int h = from; h < judgedAt; h++) {
            clicksUntilJudged += routed[offer][h];
        }
        return new Reaction(Double.isNaN(movedAt) ? Double.NaN : movedAt - from, conversionsUntilMoved, weekClicks,
                market.deposits(offer, from * Market.HOUR, (from + 7 * 24) * Market.HOUR),
                share(routed, offer, from + 6 * 24, from + 7 * 24), judgedAt < 0 ? Double.NaN : judgedAt - from,
                judgedAt < 0 ? -1 : clicksUntilJudged,
                judgedAt < 0 ? -1 : market.deposits(offer, from * Market.HOUR, (long) judgedAt * Market.HOUR));
    }

    /** The hour from which an added offer's six-hour share stays on one side until a week after {@code from}; -1: never. */
    private static int judged(long[][] routed, int offer, int from) {
        int end = Math.min(from + 7 * 24, routed[offer].length);
        double last = share(routed, offer, end - 6, end);
        boolean above = last > 0.5;
        if (!above && last >= 0.05) {
            return -1;
        }
        int judgedAt = end;
        for (int h = end - 1; h >= from + 6; h--) {
            double recent = share(routed, offer, h - 6, h);
            if (above ? recent <= 0.5 : recent >= 0.05) {
                break;
            }
            judgedAt = h;
        }
        return judgedAt;
    }

    private static double share(long[][] routed, int offer, int fromHour, int toHour) {
        long mine = 0;
        long all = 0;
        for (int h = Math.max(0, fromHour); h < toHour; h++) {
            for (long[] byHour : routed) {
                all += byHour[h];
            }
            mine += routed[offer][h];
        }
        return all == 0 ? 0 : (double) mine / all;
    }

    /**
     * @param earnedPer1000 true expected revenue per 1,000 clicks routed in the measured days
     * @param oraclePer1000 the same for the oracle
     * @param settledShareOfOracle revenue over the oracle's from {@link Scenario#SETTLED} on, whatever the measured days
     * @param reaction what the scenario's change did to traffic; null for a steady scenario
     */
    record Outcome(double earnedPer1000, double oraclePer1000, double settledShareOfOracle, Reaction reaction) {

        double shareOfOracle() {
            return earnedPer1000 / oraclePer1000;
        }
    }

    /**
     * @param hoursToMove hours from the change until traffic moved (NaN: it never did within the run)
     * @param conversionsToMove the changed offer's first deposits that happened until then (-1: never moved)
     * @param hoursToJudge an added offer's hours until it was judged (NaN: not within its first week)
     * @param clicksUntilJudged its clicks until then (-1: not judged)
     * @param depositsUntilJudged its first deposits until then (-1: not judged)
     */
    record Reaction(double hoursToMove, long conversionsToMove, long firstWeekClicks, long firstWeekDeposits,
            double seventhDayShare, double hoursToJudge, long clicksUntilJudged, long depositsUntilJudged) {
    }
}
