package io.croupier.analytics.event;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Base64;
import java.util.Optional;

/**
 * Where a page of {@code GET /events} stopped: the last event's time and id, as an opaque URL-safe token, so the next
 * page continues exactly after it however many events arrive meanwhile.
 */
record EventCursor(Instant occurredAt, long id) {

    private static final char SEPARATOR = '|';

    static EventCursor after(PlayerEvent event) {
        return new EventCursor(event.timestampUtc(), event.id());
    }

    String token() {
        return Base64.getUrlEncoder().withoutPadding()
            .encodeToString((occurredAt.toString() + SEPARATOR + id).getBytes(StandardCharsets.UTF_8));
    }

    /** The cursor a token names, or nothing when the token is not one this API handed out. */
    static Optional<EventCursor> parse(String token) {
        try {
            String decoded = new String(Base64.getUrlDecoder().decode(token), StandardCharsets.UTF_8);
            int separator = decoded.indexOf(SEPARATOR);
            return Optional.of(new EventCursor(Instant.parse(decoded.substring(0, separator)),
                    Long.parseLong(decoded.substring(separator + 1))));
        }
        catch (IllegalArgumentException | IndexOutOfBoundsException | DateTimeParseException e) {
            return Optional.empty();
        }
    }
}
