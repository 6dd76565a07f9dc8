package io.croupier.attribution.click;

import java.time.Instant;
import java.util.Optional;

/**
 * The instant a click id was made at. click-service makes its ids as ULIDs from the very instant it gives the click
 * (its {@code ClickIds}): the first 10 of 26 Crockford base32 characters are the milliseconds. Knowing it, a look-up by
 * id reads the one partition of that day instead of every day kept. An id of another shape has no known time.
 */
final class ClickIdTime {

    private static final String ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";

    static Optional<Instant> of(String clickId) {
        if (clickId == null || clickId.length() != 26 || clickId.charAt(0) > '7') {
            return Optional.empty();
        }
        long millis = 0;
        for (int i = 0; i < 10; i++) {
            int digit = ALPHABET.indexOf(clickId.charAt(i));
            if (digit < 0) {
                return Optional.empty();
            }
            millis = millis << 5 | digit;
        }
        return Optional.of(Instant.ofEpochMilli(millis));
    }

    private ClickIdTime() {
    }
}
