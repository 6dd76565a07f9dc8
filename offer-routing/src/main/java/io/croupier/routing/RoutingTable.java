package io.croupier.routing;

import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.random.RandomGenerator;

import io.croupier.events.RoutingMode;

/**
 * The active offers and the weights to draw them by, frozen together: a new table replaces the old one whole, so a
 * click never mixes offers and weights from different moments.
 * <p>
 * Which weight an offer gets:
 * <ul>
 * <li>the weight set's, when the set names it;</li>
 * <li>its manual weight otherwise (an offer newer than the set, or every offer before the first set), on the set's
 * scale: a manual weight of 1 weighs as much as the largest weight the set gives an active offer;</li>
 * <li>a set that names no active offer with a positive weight is ignored, and the manual weights apply alone;</li>
 * <li>when no offer carries any weight, every active offer weighs the same.</li>
 * </ul>
 * Only a set that applies brings an exploration share: that share of clicks is spread evenly over every active offer.
 */
public final class RoutingTable<O> {

    private final List<Candidate<O>> offers;

    private final Map<String, Candidate<O>> byId;

    private final double[] cumulativeWeights;

    private final double explorationRate;

    private final String weightSetId;

    private RoutingTable(List<Candidate<O>> offers, double[] cumulativeWeights, double explorationRate,
            String weightSetId) {
        this.offers = List.copyOf(offers);
        this.cumulativeWeights = cumulativeWeights;
        this.explorationRate = explorationRate;
        this.weightSetId = weightSetId;
        Map<String, Candidate<O>> index = new HashMap<>();
        offers.forEach(offer -> index.put(offer.offerId(), offer));
        this.byId = Map.copyOf(index);
    }

    /** @param weights the optimizer's current set; null before the first one arrives */
    public static <O> RoutingTable<O> of(List<Candidate<O>> offers, WeightSet weights) {
        double scale = weights == null ? 0 : largestNamedWeight(offers, weights);
        WeightSet applied = scale > 0 ? weights : null;
        double[] cumulative = new double[offers.size()];
        double total = 0;
        for (int i = 0; i < offers.size(); i++) {
            Candidate<O> offer = offers.get(i);
            Double named = applied == null ? null : applied.weights().get(offer.offerId());
            total += named != null ? usable(named) : usable(offer.manualWeight()) * (applied == null ? 1 : scale);
            cumulative[i] = total;
        }
        if (!(total > 0) || Double.isInfinite(total)) {
            for (int i = 0; i < offers.size(); i++) {
                cumulative[i] = i + 1;
            }
        }
        return applied == null ? new RoutingTable<>(offers, cumulative, 0, null)
                : new RoutingTable<>(offers, cumulative, share(applied.explorationRate()), applied.id());
    }

    /** No active offer: nothing can be routed. */
    public static <O> RoutingTable<O> empty() {
        return of(List.of(), null);
    }

    /**
     * Draws the offer for one click: with the exploration share a uniformly chosen one ({@code EXPLORATION}),
     * otherwise one in proportion to the weights ({@code WEIGHTED}). Empty only when there is no active offer.
     */
    public Optional<Route<O>> route(RandomGenerator random) {
        if (offers.isEmpty()) {
            return Optional.empty();
        }
        if (explorationRate > 0 && random.nextDouble() < explorationRate) {
            return Optional.of(new Route<>(offers.get(random.nextInt(offers.size())).offer(), RoutingMode.EXPLORATION,
                    weightSetId));
        }
        double point = random.nextDouble() * cumulativeWeights[cumulativeWeights.length - 1];
        int index = Arrays.binarySearch(cumulativeWeights, point);
        // binarySearch gives the insertion point for a miss; an exact hit on a boundary belongs to the next offer.
        index = index < 0 ? -index - 1 : index + 1;
        // Offers without weight repeat the previous boundary; skip to the one that owns the interval.
        while (index < cumulativeWeights.length - 1 && cumulativeWeights[index] <= point) {
            index++;
        }
        return Optional.of(new Route<>(offers.get(Math.min(index, offers.size() - 1)).offer(), RoutingMode.WEIGHTED,
                weightSetId));
    }

    /** The active offer a click names itself ({@code DIRECT}), skipping the draw. */
    public Optional<Route<O>> direct(String offerId) {
        return Optional.ofNullable(byId.get(offerId))
            .map(offer -> new Route<>(offer.offer(), RoutingMode.DIRECT, weightSetId));
    }

    /** The weight set this table routes by; null while the manual weights apply alone. */
    public String weightSetId() {
        return weightSetId;
    }

    private static <O> double largestNamedWeight(List<Candidate<O>> offers, WeightSet weights) {
        double largest = 0;
        for (Candidate<O> offer : offers) {
            Double named = weights.weights().get(offer.offerId());
            if (named != null) {
                largest = Math.max(largest, usable(named));
            }
        }
        return largest;
    }

    private static double usable(double weight) {
        return weight > 0 && !Double.isInfinite(weight) ? weight : 0;
    }

    private static double share(double rate) {
        return rate > 0 ? Math.min(rate, 1) : 0;
    }
}
