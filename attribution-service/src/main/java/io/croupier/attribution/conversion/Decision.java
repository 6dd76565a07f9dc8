package io.croupier.attribution.conversion;

import io.croupier.events.AttributionMethod;

/** What attribution concluded for one conversion at one moment. */
sealed interface Decision {

    /**
     * @param warning shown in reports when the attribution is less certain than a click id (fallback, sub id)
     * @param guessed the link to the click is a guess: a fallback match, or a player link that one made
     */
    record Attributed(AttributionMethod method, String offerId, Origin origin, String warning, boolean guessed)
            implements Decision {
    }

    record Unattributed(UnattributedReason reason) implements Decision {
    }
}
