package io.croupier.analytics.imports;

import java.util.Arrays;
import java.util.Objects;

import tools.jackson.databind.json.JsonMapper;

/**
 * A natural key written as a JSON array of its parts: unambiguous whatever the parts contain, and readable in a
 * report ({@code ["T-1001"]}, {@code ["player-7","2025-10-25T10:30:00Z","19.99","USD"]}).
 */
final class NaturalKey {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    static String of(Object... parts) {
        return JSON.writeValueAsString(Arrays.stream(parts).map(Objects::toString).toList());
    }

    private NaturalKey() {
    }
}
