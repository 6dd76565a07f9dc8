package io.croupier.click.routing;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * An immutable snapshot of what routing needs: the active offers and the cumulative weights to draw from. A new
 * snapshot replaces the old one whole, so a click never sees offers and weights from different moments.
 */
public final class RoutingTable {

    private final List<RoutableOffer> offers;

    private final Map<Long, RoutableOffer> byId;

    private final double[] cumulativeWeights;

    private final String weightSetId;

    private RoutingTable(List<RoutableOffer> offers, double[] cumulativeWeights, String weightSetId) {
        this.offers = offers;
        this.cumulativeWeights = cumulativeWeights;
        this.weightSetId = weightSetId;
        Map<Long, RoutableOffer> index = new HashMap<>();
        offers.forEach(offer -> index.put(offer.id(), offer));
        this.byId = Map.copyOf(index);
    }

    /**
     * An offer the weight set does not name (one created after the optimizer's last run) gets no weighted traffic,
     * only its exploration share, until the optimizer weighs it. When the set names none of the active offers, or
     * there is no set yet, every active offer weighs the same.
     */
    static RoutingTable of(List<RoutableOffer> offers, WeightSet weights) {
        double[] cumulative = new double[offers.size()];
        double total = 0;
        if (weights != null) {
            for (int i = 0; i < offers.size(); i++) {
                Double weight = weights.weights().get(offers.get(i).offerId());
                total += weight == null || !(weight > 0) || weight.isInfinite() ? 0 : weight;
                cumulative[i] = total;
            }
        }
        if (total > 0) {
            return new RoutingTable(List.copyOf(offers), cumulative, weights.id());
        }
        for (int i = 0; i < offers.size(); i++) {
            cumulative[i] = i + 1;
        }
        return new RoutingTable(List.copyOf(offers), cumulative, null);
    }

    /** No active offer: nothing can be routed. */
    public static RoutingTable empty() {
        return of(List.of(), null);
    }

    List<RoutableOffer> offers() {
        return offers;
    }

    double[] cumulativeWeights() {
        return cumulativeWeights;
    }

    /** The weight set this table routes by; null while every offer weighs the same. */
    public String weightSetId() {
        return weightSetId;
    }

    public boolean isEmpty() {
        return offers.isEmpty();
    }

    /** An active offer by id, for a click that names its offer. */
    public Optional<RoutableOffer> active(long offerId) {
        return Optional.ofNullable(byId.get(offerId));
    }
}
