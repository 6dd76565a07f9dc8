package io.croupier.runtime.paging;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Base64;

import io.croupier.runtime.problems.InvalidField;

/**
 * Where a page ended: the sort key of its last row (a time and an id, a text id or a numeric one), written as an opaque
 * URL-safe token so that callers pass it back rather than build it. The token names its kind, so a cursor of one list
 * handed to another is refused rather than misread.
 */
public final class Cursor {

    private static final char TIMED = 't';

    private static final char TEXT = 'i';

    private static final char NUMERIC = 'n';

    private final char kind;

    private final String key;

    private Cursor(char kind, String key) {
        this.kind = kind;
        this.key = key;
    }

    public static Cursor of(Instant at, String id) {
        return new Cursor(TIMED, at + "\n" + id);
    }

    public static Cursor of(String id) {
        return new Cursor(TEXT, id);
    }

    public static Cursor of(long id) {
        return new Cursor(NUMERIC, Long.toString(id));
    }

    static Cursor parse(String token) {
        try {
            String text = new String(Base64.getUrlDecoder().decode(token), StandardCharsets.UTF_8);
            if (text.isEmpty()) {
                throw notOurs();
            }
            return new Cursor(text.charAt(0), text.substring(1));
        }
        catch (IllegalArgumentException e) {
            throw notOurs();
        }
    }

    /** The time of a {@link #of(Instant, String)} cursor. */
    public Instant at() {
        require(TIMED);
        try {
            return Instant.parse(key.substring(0, key.indexOf('\n')));
        }
        catch (DateTimeParseException | StringIndexOutOfBoundsException e) {
            throw notOurs();
        }
    }

    /** The id of a {@link #of(Instant, String)} or {@link #of(String)} cursor. */
    public String id() {
        if (kind == TIMED && key.indexOf('\n') >= 0) {
            return key.substring(key.indexOf('\n') + 1);
        }
        require(TEXT);
        return key;
    }

    /** The id of a {@link #of(long)} cursor. */
    public long numericId() {
        require(NUMERIC);
        try {
            return Long.parseLong(key);
        }
        catch (NumberFormatException e) {
            throw notOurs();
        }
    }

    private void require(char expected) {
        if (kind != expected) {
            throw notOurs();
        }
    }

    private static RuntimeException notOurs() {
        return new InvalidField("cursor", "is not one this API answered");
    }

    @Override
    public String toString() {
        return Base64.getUrlEncoder().withoutPadding().encodeToString((kind + key).getBytes(StandardCharsets.UTF_8));
    }
}
