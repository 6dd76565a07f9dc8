package io.croupier.click.routing;

import io.croupier.click.offer.UrlTemplate;

/**
 * An active offer as the router needs it.
 *
 * @param offerId the id as written on the topics (decimal string)
 * @param clicked whether the catalogue already knows a click was routed to it
 */
public record RoutableOffer(long id, String offerId, UrlTemplate url, boolean clicked) {
}
