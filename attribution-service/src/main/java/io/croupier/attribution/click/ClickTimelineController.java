package io.croupier.attribution.click;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.croupier.access.PublisherScope;
import io.croupier.runtime.timeline.TimeBucket;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * A publisher's clicks and the conversions attributed to it, per UTC hour or day, for the publisher portal's chart and
 * the operator's publisher page. A publisher's token gets its own publisher's whatever it asks for.
 */
@Tag(name = "Clicks", description = "The clicks recorded, newest first with a cursor, filtered by publisher, offer "
        + "and time; a publisher's token sees its own.")
@RestController
class ClickTimelineController {

    private final JdbcClient jdbc;

    ClickTimelineController(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * @param from inclusive, and {@code to} exclusive: clicks by when they happened, conversions by when the casino
     *        says they happened
     * @param publisherId every publisher's when left out (operators only)
     */
    @GetMapping("/clicks/timeline")
    Timeline timeline(@RequestParam @DateTimeFormat(iso = DateTimeFormat.ISO.DATE_TIME) Instant from,
            @RequestParam @DateTimeFormat(iso = DateTimeFormat.ISO.DATE_TIME) Instant to,
            @RequestParam(defaultValue = "day") TimeBucket bucket,
            @RequestParam(name = "publisher_id", required = false) String publisherId, PublisherScope scope) {
        List<Instant> starts = bucket.starts(from, to);
        String publisher = scope.narrow(publisherId);
        Map<Instant, Long> clicks = counts("""
                select date_trunc(:unit, occurred_at at time zone 'UTC') at time zone 'UTC' as bucket, count(*) n
                  from clicks
                 where occurred_at >= :from and occurred_at < :to
                   and (cast(:publisher as text) is null or publisher_id = :publisher)
                 group by 1""", bucket, starts.get(0), to, publisher);
        Map<Instant, Long> conversions = counts("""
                select date_trunc(:unit, occurred_at at time zone 'UTC') at time zone 'UTC' as bucket, count(*) n
                  from conversions
                 where state = 'ATTRIBUTED' and occurred_at >= :from and occurred_at < :to
                   and (cast(:publisher as text) is null or publisher_id = :publisher)
                 group by 1""", bucket, starts.get(0), to, publisher);
        return new Timeline(starts.get(0), to, bucket, publisher, starts.stream()
            .map(at -> new Point(at, clicks.getOrDefault(at, 0L), conversions.getOrDefault(at, 0L)))
            .toList());
    }

    private Map<Instant, Long> counts(String sql, TimeBucket bucket, Instant from, Instant to, String publisher) {
        Map<Instant, Long> counts = new LinkedHashMap<>();
        jdbc.sql(sql)
            .param("unit", bucket.name())
            .param("from", Timestamp.from(from))
            .param("to", Timestamp.from(to))
            .param("publisher", publisher)
            .query((rs, n) -> counts.put(rs.getTimestamp("bucket").toInstant(), rs.getLong("n")))
            .list();
        return counts;
    }

    /** @param publisherId whose clicks these are; null for every publisher's */
    record Timeline(Instant from, Instant to, TimeBucket bucket, String publisherId, List<Point> points) {
    }

    /** @param conversions attributed to the publisher, by when they happened */
    record Point(Instant at, long clicks, long conversions) {
    }
}
