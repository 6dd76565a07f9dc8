package io.croupier.attribution.player;

/**
 * A casino player (per offer) joined to the click and publisher through which they arrived; every later fact of the
 * player inherits them.
 *
 * @param method how the conversion that made the link was attributed
 * @param linkedBy the event id of that conversion
 */
public record PlayerLink(String offerId, String playerId, String clickId, String publisherId, String source,
        String campaign, String sub1, String sub2, String sub3, String sub4, String sub5, String method,
        String linkedBy) {
}
