package io.croupier.analytics.imports;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/**
 * What an import does with a row whose natural key is already stored with other values: {@code keep} the stored row
 * and report the conflict (the default), or {@code replace} it and report what it replaced.
 */
enum OnConflict {

    KEEP, REPLACE;

    static Optional<OnConflict> of(String value) {
        return Arrays.stream(values()).filter(candidate -> candidate.wireName().equals(value)).findFirst();
    }

    String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }
}
