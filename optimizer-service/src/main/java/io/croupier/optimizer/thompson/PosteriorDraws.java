package io.croupier.optimizer.thompson;

/**
 * What joint draws of every active offer's earning per click say together: each offer's probability of being the
 * best, the regret expected from routing a click to it, and how much a click routed to it would tell about which offer
 * is the best; and the routing that follows.
 * <p>
 * The regret and the information gain are those of variance-based information-directed sampling (Russo and Van Roy,
 * "Learning to Optimize via Information-Directed Sampling", Operations Research 66(1), 2018, section 6.2), estimated
 * from the same draws as the probability of being best.
 */
final class PosteriorDraws {

    private final double[] probabilityBest;

    private final double[] regret;

    private final double[] informationGain;

    private PosteriorDraws(double[] probabilityBest, double[] regret, double[] informationGain) {
        this.probabilityBest = probabilityBest;
        this.regret = regret;
        this.informationGain = informationGain;
    }

    /**
     * @param earnings per draw, each offer's drawn earning per click; {@link Double#NaN} for an inactive offer, which
     *        is never the best
     */
    static PosteriorDraws of(double[][] earnings, int offers) {
        double[] wins = new double[offers];
        double[] mean = new double[offers];
        // winning[a][i]: the sum of offer i's draws over the draws that offer a won
        double[][] winning = new double[offers][offers];
        double highest = 0;
        int[] tied = new int[offers];
        for (double[] draw : earnings) {
            double top = Double.NEGATIVE_INFINITY;
            int ties = 0;
            for (int i = 0; i < offers; i++) {
                if (Double.isNaN(draw[i])) {
                    continue;
                }
                mean[i] += draw[i] / earnings.length;
                if (draw[i] > top) {
                    top = draw[i];
                    ties = 0;
                }
                if (draw[i] == top) {
                    tied[ties++] = i;
                }
            }
            if (ties > 0) {
                highest += top / earnings.length;
            }
            // Ties happen only between offers known to earn nothing (or exactly alike): they share the win.
            for (int t = 0; t < ties; t++) {
                wins[tied[t]] += 1.0 / ties;
                for (int i = 0; i < offers; i++) {
                    if (!Double.isNaN(draw[i])) {
                        winning[tied[t]][i] += draw[i] / ties;
                    }
                }
            }
        }
        double[] best = new double[offers];
        double[] regret = new double[offers];
        double[] gain = new double[offers];
        for (int winner = 0; winner < offers; winner++) {
            best[winner] = wins[winner] / earnings.length;
            regret[winner] = Math.max(highest - mean[winner], 0);
            for (int i = 0; wins[winner] > 0 && i < offers; i++) {
                double shift = winning[winner][i] / wins[winner] - mean[i];
                gain[i] += best[winner] * shift * shift;
            }
        }
        return new PosteriorDraws(best, regret, gain);
    }

    /** The share of draws in which each offer earned the most per click. */
    double[] probabilityBest() {
        return probabilityBest.clone();
    }

    /** Per offer: the highest earning per click expected over the posteriors, less the offer's own expected earning. */
    double[] regret() {
        return regret.clone();
    }

    /**
     * Per offer: the variance, over which offer is the best, of the offer's expected earning given that. It is what a
     * click routed to the offer is expected to tell about which offer is the best; 0 for an offer whose earning is
     * known, such as a CPA offer with a long history.
     */
    double[] informationGain() {
        return informationGain.clone();
    }

    /**
     * The routing that minimises the information ratio, expected regret squared over expected information gain, among
     * active offers. Its minimum is reached by mixing at most two offers (Russo and Van Roy, proposition 6); where no
     * offer teaches anything, it routes to the offer expected to earn the most. Offers that are the best in every draw
     * (alike, or all known to earn nothing) cost nothing and share the clicks evenly.
     */
    double[] informationDirected(boolean[] active) {
        double[] routing = new double[active.length];
        long regretless = 0;
        for (int i = 0; i < active.length; i++) {
            regretless += active[i] && regret[i] == 0 ? 1 : 0;
        }
        if (regretless > 0) {
            for (int i = 0; i < active.length; i++) {
                routing[i] = active[i] && regret[i] == 0 ? 1.0 / regretless : 0;
            }
            return routing;
        }
        double lowest = Double.POSITIVE_INFINITY;
        int first = -1;
        int second = -1;
        double toFirst = 1;
        for (int i = 0; i < active.length; i++) {
            for (int j = i; active[i] && j < active.length; j++) {
                if (!active[j]) {
                    continue;
                }
                double mix = i == j ? 1 : bestMix(i, j);
                double ratio = ratio(i, j, mix);
                if (ratio < lowest) {
                    lowest = ratio;
                    first = i;
                    second = j;
                    toFirst = mix;
                }
            }
        }
        if (first < 0) {
            int leader = leader(active);
            if (leader >= 0) {
                routing[leader] = 1;
            }
            return routing;
        }
        routing[first] += toFirst;
        routing[second] += 1 - toFirst;
        return routing;
    }

    /**
     * The routing the default policy publishes. Every active offer but the one expected to earn the most (the leader)
     * gets the smaller of its information-directed share and its probability of being the best; the leader gets the
     * rest. The probability of being best is the most a challenger should get; the information-directed share is what
     * its information is worth paying for, nothing for an offer that costs revenue and teaches nothing, so Thompson
     * sampling's clicks to an offer that is surely a little worse are not spent. The cap keeps information-directed
     * sampling from sending half the traffic to a new or changed offer whose deposits take hours to tell anything.
     *
     * @param informationDirected {@link #informationDirected(boolean[])} of the same offers
     */
    double[] challengersCapped(double[] informationDirected, boolean[] active) {
        double[] routing = new double[active.length];
        int leader = leader(active);
        double rest = 1;
        for (int i = 0; i < active.length; i++) {
            if (active[i] && i != leader) {
                routing[i] = Math.min(informationDirected[i], probabilityBest[i]);
                rest -= routing[i];
            }
        }
        if (leader >= 0) {
            routing[leader] = rest;
        }
        return routing;
    }

    /** The active offer expected to earn the most (the least expected regret); -1 if none is active. */
    private int leader(boolean[] active) {
        int leader = -1;
        for (int i = 0; i < active.length; i++) {
            if (active[i] && (leader < 0 || regret[i] < regret[leader])) {
                leader = i;
            }
        }
        return leader;
    }

    /** The share of the pair's clicks for offer i that minimises their information ratio. */
    private double bestMix(int i, int j) {
        // ratio(q) = (a + b q)^2 / (c + d q) for the share q routed to i, convex on [0, 1]: its minimum is at an end
        // or where the derivative, (a + b q)(2 b (c + d q) - d (a + b q)), is zero.
        double a = regret[j];
        double b = regret[i] - regret[j];
        double c = informationGain[j];
        double d = informationGain[i] - informationGain[j];
        double best = ratio(i, j, 0) <= ratio(i, j, 1) ? 0 : 1;
        if (b != 0 && d != 0) {
            double stationary = (d * a - 2 * b * c) / (b * d);
            if (stationary > 0 && stationary < 1 && ratio(i, j, stationary) < ratio(i, j, best)) {
                best = stationary;
            }
        }
        return best;
    }

    private double ratio(int i, int j, double q) {
        double expectedRegret = q * regret[i] + (1 - q) * regret[j];
        double gain = q * informationGain[i] + (1 - q) * informationGain[j];
        if (expectedRegret <= 0) {
            return 0;
        }
        return gain > 0 ? expectedRegret * expectedRegret / gain : Double.POSITIVE_INFINITY;
    }
}
