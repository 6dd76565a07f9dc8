package io.croupier.attribution.click;

import java.sql.Timestamp;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;

import io.croupier.access.PublisherScope;
import io.croupier.runtime.problems.ErrorAnswer;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.web.ErrorResponseException;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Clicks, newest first, paged by a cursor: every click for operators, filtered by publisher or offer and time; a
 * publisher's token gets its own publisher's clicks whatever it asks for.
 */
@Tag(name = "Clicks", description = "The clicks recorded, newest first with a cursor, filtered by publisher, offer "
        + "and time; a publisher's token sees its own.")
@RestController
class ClickListController {

    static final int MAX_LIMIT = 500;

    private final JdbcClient jdbc;

    ClickListController(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * @param cursor the {@code next_cursor} of the previous page
     * @param from inclusive
     * @param to exclusive
     */
    @ErrorAnswer(status = 400,
            when = "limit is out of range, the cursor is not one this API answered, or a parameter is malformed",
            detail = "cursor is not one this API answered")
    @GetMapping("/clicks")
    Page list(@RequestParam(name = "publisher_id", required = false) String publisherId,
            @RequestParam(name = "offer_id", required = false) String offerId,
            @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE_TIME) Instant from,
            @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE_TIME) Instant to,
            @RequestParam(required = false) String cursor, @RequestParam(defaultValue = "50") int limit,
            PublisherScope scope) {
        if (limit < 1 || limit > MAX_LIMIT) {
            throw badRequest("limit must be between 1 and " + MAX_LIMIT);
        }
        Cursor after = cursor == null ? null : Cursor.parse(cursor);
        List<StoredClick> clicks = jdbc.sql("""
                select * from clicks
                 where (cast(:publisher as text) is null or publisher_id = :publisher)
                   and (cast(:offer as text) is null or offer_id = :offer)
                   and (cast(:from as timestamptz) is null or occurred_at >= :from)
                   and (cast(:to as timestamptz) is null or occurred_at < :to)
                   and (cast(:afterAt as timestamptz) is null or (occurred_at, click_id) < (:afterAt, :afterId))
                 order by occurred_at desc, click_id desc
                 limit :limit""")
            .param("publisher", scope.narrow(publisherId))
            .param("offer", offerId)
            .param("from", from == null ? null : Timestamp.from(from))
            .param("to", to == null ? null : Timestamp.from(to))
            .param("afterAt", after == null ? null : Timestamp.from(after.occurredAt()))
            .param("afterId", after == null ? null : after.clickId())
            .param("limit", limit + 1)
            .query(ClickRepository::map)
            .list();
        boolean more = clicks.size() > limit;
        List<StoredClick> page = more ? clicks.subList(0, limit) : clicks;
        StoredClick last = more ? page.get(page.size() - 1) : null;
        return new Page(page.stream().map(ClickView::of).toList(),
                last == null ? null : new Cursor(last.occurredAt(), last.clickId()).toString());
    }

    private static ErrorResponseException badRequest(String detail) {
        return new ErrorResponseException(HttpStatus.BAD_REQUEST,
                ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, detail), null);
    }

    /** Where a page ended: the last click's time and id, which orders clicks of the same instant. */
    record Cursor(Instant occurredAt, String clickId) {

        static Cursor parse(String text) {
            int separator = text.indexOf('~');
            try {
                return new Cursor(Instant.parse(text.substring(0, separator)), text.substring(separator + 1));
            }
            catch (DateTimeParseException | StringIndexOutOfBoundsException e) {
                throw new ErrorResponseException(HttpStatus.BAD_REQUEST,
                        ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, "cursor is not one this API answered"),
                        e);
            }
        }

        @Override
        public String toString() {
            return occurredAt + "~" + clickId;
        }
    }

    /** @param nextCursor pass as {@code cursor} for older clicks; null on the last page */
    record Page(List<ClickView> items, String nextCursor) {
    }
}
