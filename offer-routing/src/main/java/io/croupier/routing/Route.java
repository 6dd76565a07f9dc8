package io.croupier.routing;

import io.croupier.events.RoutingMode;

/**
 * Where one click goes, and why.
 *
 * @param weightSetId the weight set the choice followed; null when no set applied
 */
public record Route<O>(O offer, RoutingMode mode, String weightSetId) {
}
