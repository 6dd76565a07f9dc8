package io.croupier.analytics.imports;

import java.util.Locale;

/**
 * What an import does with a row whose natural key is already stored with other values: {@code keep} the stored row
 * and report the conflict (the default), or {@code replace} it and report what it replaced.
 */
enum OnConflict {

    KEEP, REPLACE;

    static OnConflict of(String value) {
        for (OnConflict candidate : values()) {
            if (candidate.wireName().equals(value)) {
                return candidate;
            }
        }
        throw new IllegalArgumentException("onConflict must be keep or replace, not " + value);
    }

    String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }
}
