package io.croupier.click.routing;

import io.croupier.events.RoutingMode;

/** Where one click goes, and why. */
public record Route(RoutableOffer offer, RoutingMode mode, String weightSetId) {
}
