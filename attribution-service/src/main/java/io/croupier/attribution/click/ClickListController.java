package io.croupier.attribution.click;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;

import io.croupier.access.PublisherScope;
import io.croupier.runtime.paging.Cursor;
import io.croupier.runtime.paging.CursorPage;
import io.croupier.runtime.paging.PageRequest;
import io.croupier.runtime.problems.ErrorAnswer;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.jdbc.core.simple.JdbcClient;
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

    /**
     * A filter left out is a null parameter, which the plan of each call folds away; a publisher's page then reads
     * {@code clicks_by_publisher_and_time} in its order.
     */
    static final String PAGE = """
            select * from clicks
             where (cast(:publisher as text) is null or publisher_id = :publisher)
               and (cast(:offer as text) is null or offer_id = :offer)
               and (cast(:from as timestamptz) is null or occurred_at >= :from)
               and (cast(:to as timestamptz) is null or occurred_at < :to)
               and (cast(:afterAt as timestamptz) is null or (occurred_at, click_id) < (:afterAt, :afterId))
             order by occurred_at desc, click_id desc
             limit :limit""";

    private final JdbcClient jdbc;

    ClickListController(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * @param cursor the {@code next_cursor} of the previous page (older clicks)
     * @param from inclusive
     * @param to exclusive
     */
    @ErrorAnswer(status = 400,
            when = "limit is out of range, the cursor is not one this API answered, or a parameter is malformed",
            detail = "cursor is not one this API answered")
    @GetMapping("/clicks")
    CursorPage<ClickView> list(@RequestParam(name = "publisher_id", required = false) String publisherId,
            @RequestParam(name = "offer_id", required = false) String offerId,
            @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE_TIME) Instant from,
            @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE_TIME) Instant to,
            @RequestParam(required = false) String cursor,
            @RequestParam(defaultValue = PageRequest.DEFAULT_LIMIT) int limit, PublisherScope scope) {
        PageRequest request = new PageRequest(cursor, limit);
        Cursor after = request.after();
        List<StoredClick> clicks = jdbc.sql(PAGE)
            .param("publisher", scope.narrow(publisherId))
            .param("offer", offerId)
            .param("from", from == null ? null : Timestamp.from(from))
            .param("to", to == null ? null : Timestamp.from(to))
            .param("afterAt", after == null ? null : Timestamp.from(after.at()))
            .param("afterId", after == null ? null : after.id())
            .param("limit", request.fetchSize())
            .query(ClickRepository::map)
            .list();
        return request.page(clicks.stream().map(ClickView::of).toList(),
                click -> Cursor.of(click.occurredAt(), click.clickId()));
    }
}
