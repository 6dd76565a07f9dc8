package io.croupier.runtime.paging;

import java.util.List;
import java.util.function.Function;

import io.croupier.runtime.problems.InvalidField;

/**
 * A list endpoint's {@code cursor} and {@code limit}. The query fetches {@link #fetchSize()} rows after the decoded
 * cursor, in the endpoint's fixed order; {@link #page} keeps {@code limit} of them and answers the cursor of the last
 * one when the extra row shows there is more.
 *
 * @param cursor the previous page's {@code next_cursor}, or null for the first page
 * @param limit rows per page, 1 to {@link #MAX_LIMIT}
 */
public record PageRequest(String cursor, int limit) {

    public static final int MAX_LIMIT = 500;

    /** The {@code limit} every list endpoint defaults to. */
    public static final String DEFAULT_LIMIT = "50";

    public PageRequest {
        if (limit < 1 || limit > MAX_LIMIT) {
            throw new InvalidField("limit", "must be between 1 and " + MAX_LIMIT);
        }
    }

    /** A request that left {@code limit} out gets the default page size. */
    public static PageRequest of(String cursor, Integer limit) {
        return new PageRequest(cursor, limit == null ? Integer.parseInt(DEFAULT_LIMIT) : limit);
    }

    /** One more than the page, so that a full page knows whether another follows. */
    public int fetchSize() {
        return limit + 1;
    }

    /** The cursor as {@code Cursor#parts} decodes it, or null on the first page. */
    public Cursor after() {
        return cursor == null || cursor.isEmpty() ? null : Cursor.parse(cursor);
    }

    /** The first {@code limit} rows, with the cursor of the last of them when {@code rows} held one more. */
    public <T> CursorPage<T> page(List<T> rows, Function<T, Cursor> cursorOf) {
        if (rows.size() <= limit) {
            return new CursorPage<>(List.copyOf(rows), null);
        }
        List<T> page = List.copyOf(rows.subList(0, limit));
        return new CursorPage<>(page, cursorOf.apply(page.get(limit - 1)).toString());
    }

}
