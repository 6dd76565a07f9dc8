package io.croupier.click.routing;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.random.RandomGenerator;

import io.croupier.events.RoutingMode;

/**
 * Seed 001's traffic split: a share of the clicks (exploration) is spread evenly over every active offer so that
 * each keeps being measured; the rest follows the weights.
 */
public final class OfferRouter {

    private final double explorationRate;

    public OfferRouter(double explorationRate) {
        this.explorationRate = explorationRate;
    }

    /** Empty only when there is no active offer. */
    public Optional<Route> route(RoutingTable table, RandomGenerator random) {
        List<RoutableOffer> offers = table.offers();
        if (offers.isEmpty()) {
            return Optional.empty();
        }
        if (random.nextDouble() < explorationRate) {
            return Optional.of(new Route(offers.get(random.nextInt(offers.size())), RoutingMode.EXPLORATION,
                    table.weightSetId()));
        }
        double[] cumulative = table.cumulativeWeights();
        double point = random.nextDouble() * cumulative[cumulative.length - 1];
        int index = Arrays.binarySearch(cumulative, point);
        // binarySearch gives the insertion point for a miss; an exact hit on a boundary belongs to the next offer.
        index = index < 0 ? -index - 1 : index + 1;
        // Offers without weight repeat the previous boundary; skip to the one that owns the interval.
        while (index < cumulative.length - 1 && cumulative[index] <= point) {
            index++;
        }
        return Optional.of(new Route(offers.get(Math.min(index, offers.size() - 1)), RoutingMode.WEIGHTED,
                table.weightSetId()));
    }
}
