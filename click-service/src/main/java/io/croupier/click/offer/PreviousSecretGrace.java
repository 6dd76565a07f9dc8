package io.croupier.click.offer;

import java.time.Duration;
import java.time.Instant;

/**
 * How long a rotation keeps the replaced secret accepted. None by default: a rotation after a leak must end the old
 * secret at once; an operator who rotates on schedule names a grace so the casino can switch without refused postbacks.
 * Counted in hours up to 30 days, as postback-service's overlap of an inbound signing secret is.
 */
record PreviousSecretGrace(Duration length) {

    static final int MAX_HOURS = 720;

    static PreviousSecretGrace ofHours(int hours) {
        if (hours < 0 || hours > MAX_HOURS) {
            throw InvalidOffer.invalid("keep_previous_hours", "must be between 0 and " + MAX_HOURS);
        }
        return new PreviousSecretGrace(Duration.ofHours(hours));
    }

    /** The new secret, keeping {@code replaced} accepted until the grace ends, or alone without a grace. */
    KeptSecret apply(KeptSecret replacement, KeptSecret replaced, Instant now) {
        return length.isZero() || replaced == null ? replacement : replacement.keeping(replaced, now.plus(length));
    }
}
