package io.croupier.routing;

import java.util.HashMap;
import java.util.Map;

import io.croupier.events.OfferWeight;
import io.croupier.events.OfferWeights;

/**
 * One complete set of the optimizer's weights, as routing reads it.
 *
 * @param explorationRate share of clicks spread evenly over the active offers, as the set's policy decided
 * @param weights by offer id as written on the topics; only their ratios matter
 */
public record WeightSet(String id, double explorationRate, Map<String, Double> weights) {

    public WeightSet {
        weights = Map.copyOf(weights);
    }

    public static WeightSet of(OfferWeights published) {
        Map<String, Double> byOffer = new HashMap<>();
        for (OfferWeight weight : published.getWeights()) {
            byOffer.put(weight.getOfferId(), weight.getWeight());
        }
        return new WeightSet(published.getWeightSetId(), published.getExplorationRate(), byOffer);
    }
}
