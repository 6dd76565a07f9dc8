package io.croupier.attribution.player;

import io.croupier.events.AttributionMethod;
import io.croupier.events.Tracking;

/**
 * A casino player (per offer) joined to the click and publisher through which they arrived; every later fact of the
 * player inherits them.
 *
 * @param method how the conversion that made the link was attributed
 * @param linkedBy the event id of that conversion
 */
public record PlayerLink(String offerId, String playerId, String clickId, String publisherId, Tracking tracking,
        AttributionMethod method, String linkedBy) {

    /** The link rests on a guess: the conversion that made it was matched to its click by the fallback. */
    public boolean guessed() {
        return method == AttributionMethod.FALLBACK;
    }
}
