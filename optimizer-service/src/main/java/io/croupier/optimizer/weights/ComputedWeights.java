package io.croupier.optimizer.weights;

import java.math.BigDecimal;
import java.util.List;

import tools.jackson.databind.JsonNode;

/**
 * A policy's weight set before it is stored.
 *
 * @param explorationRate the share of clicks click-service spreads evenly over every active offer
 * @param weightFloor the policy's floor: seed 001's smallest weight, or the default policy's smallest share
 * @param maxEv the highest EV among active offers
 * @param lastNClicks seed 001's sample size; null for a policy that samples otherwise
 * @param settings what the policy was configured with, shown with the set; null when the columns above say it all
 * @param weights every known offer, active or not
 */
public record ComputedWeights(PolicyName policy, BigDecimal explorationRate, BigDecimal weightFloor, BigDecimal maxEv,
        Integer lastNClicks, JsonNode settings, List<WeightSet.Entry> weights) {
}
