package io.croupier.click.routing;

import java.util.Map;

/**
 * One complete set of the optimizer's weights.
 *
 * @param weights by offer id as written on the topics
 */
record WeightSet(String id, Map<String, Double> weights) {
}
