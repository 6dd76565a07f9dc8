package io.croupier.optimizer.simulation;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * One simulated market: its offers' truth, how long it runs, from which day revenue is measured, and its traffic
 * (clicks per hour on average, varying over the day: half the average at 08:00 UTC, one and a half at 20:00).
 *
 * @param changed the offer whose quality changes or that is added mid-run, whose reaction is measured; -1 for none
 */
record Scenario(String name, String description, List<TrueOffer> offers, int days, int measuredFrom,
        int clicksPerHour, int changed) {

    /** The day from which every policy has seen the slowest offer's revenue: steady markets count from it. */
    static final int SETTLED = 21;

    /**
     * Five offers with differing payouts and delays. The best (Beta) is RevShare whose players deposit over about
     * three days (median 30 hours, heavy tail) and whose revenue then arrives over weeks.
     */
    static List<TrueOffer> fiveOffers() {
        return List.of(
                TrueOffer.cpa("Alpha: CPA 100, 3 %, deposits within the hour", 0.03, 100, Duration.ofMinutes(10), 0.7),
                TrueOffer.revShare("Beta: RevShare worth 180, 2 %, deposits over ~3 days", 0.02, 180,
                        Duration.ofDays(12), Duration.ofHours(30), 1.0),
                TrueOffer.hybrid("Gamma: CPA 30 + RevShare 20, 5 %, deposits over hours", 0.05, 30, 20,
                        Duration.ofDays(12), Duration.ofHours(3), 1.2),
                TrueOffer.cpa("Delta: CPA 250, 1 %, deposits over ~a day", 0.01, 250, Duration.ofHours(24), 0.8),
                TrueOffer.cpa("Epsilon: CPA 150, 0.8 %, deposits over hours", 0.008, 150, Duration.ofHours(2), 1.0));
    }

    /** The same five offers, but the best one pays a CPA with the deposit instead of RevShare over weeks. */
    static Scenario steadyCpa(int days) {
        List<TrueOffer> offers = new ArrayList<>(fiveOffers());
        offers.set(1, TrueOffer.cpa("Beta: CPA 180, 2 %, deposits over ~3 days", 0.02, 180, Duration.ofHours(30), 1.0));
        return new Scenario("steady, CPA", "as steady, but the best offer (still depositing over ~3 days) pays a CPA of"
                + " 180 with the deposit instead of RevShare over weeks", offers, days, SETTLED, 500, -1);
    }

    static Scenario steady(int days) {
        return new Scenario("steady", "five offers, EV per click 3.00, **3.60**, 2.50, 2.50, 1.20; revenue measured from"
                + " day 21 (the best offer's RevShare revenue takes weeks to arrive)", fiveOffers(), days, SETTLED, 500,
                -1);
    }

    /** The steady market measured from its first click: every offer starts unknown, as on a new platform. */
    static Scenario coldStart(int days) {
        return new Scenario("cold start", "the steady market measured from day 0, when every offer is new: what the"
                + " policies earn while they learn", fiveOffers(), days, 0, 500, -1);
    }

    /** The best offer's conversion rate halves on day 28: its EV falls from 3.60 to 1.80, Alpha's 3.00 is best. */
    static Scenario drop(int days) {
        List<TrueOffer> offers = new ArrayList<>(fiveOffers());
        offers.set(1, offers.get(1).changingOn(28, 0.01));
        return new Scenario("drop", "as steady, then on day 28 the best offer's (slow) conversion rate halves (EV 3.60"
                + " to 1.80)", offers, days, 28, 500, 1);
    }

    /** A new, better offer (CPA 140 at 3 %, EV 4.20, deposits over hours) is added on day 28. */
    static Scenario newBetter(int days) {
        List<TrueOffer> offers = new ArrayList<>(fiveOffers());
        offers.add(TrueOffer.cpa("Zeta: new on day 28, CPA 140, 3 %, deposits over hours", 0.03, 140,
                Duration.ofHours(6), 1.0).addedOn(28));
        return new Scenario("new, better", "as steady, then on day 28 a better offer is added (EV 4.20)", offers,
                days, 28, 500, 5);
    }

    /** A new, weaker offer (CPA 100 at 2 %, EV 2.00, deposits over hours) is added on day 28. */
    static Scenario newWorse(int days) {
        List<TrueOffer> offers = new ArrayList<>(fiveOffers());
        offers.add(TrueOffer.cpa("Zeta: new on day 28, CPA 100, 2 %, deposits over hours", 0.02, 100,
                Duration.ofHours(6), 1.0).addedOn(28));
        return new Scenario("new, weaker", "as steady, then on day 28 a weaker offer is added (EV 2.00)", offers,
                days, 28, 500, 5);
    }

    /** Clicks in the hour starting {@code hour} hours after the start. */
    int clicksIn(long hour) {
        double hourOfDay = hour % 24;
        return (int) Math.round(clicksPerHour * (1 + 0.5 * Math.sin(2 * Math.PI * (hourOfDay - 14) / 24)));
    }
}
