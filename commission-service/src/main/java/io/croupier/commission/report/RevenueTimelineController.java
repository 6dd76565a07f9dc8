package io.croupier.commission.report;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.croupier.access.PublisherScope;
import io.croupier.commission.money.Amount;
import io.croupier.runtime.problems.ErrorAnswer;
import io.croupier.runtime.timeline.TimeBucket;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The ledger over time, for charts: revenue and publisher payouts per currency per UTC hour or day, by when the
 * entries occurred, reversals netted in. Every bucket of the range is answered, empty ones too.
 */
@Tag(name = "Revenue timeline", description = "Casino revenue and publisher payouts per currency per UTC hour or "
        + "day, reversals netted in.")
@RestController
class RevenueTimelineController {

    private final JdbcClient jdbc;

    RevenueTimelineController(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @ErrorAnswer(status = 400,
            when = "from is not before to, the range holds too many buckets, or a parameter is malformed",
            detail = "from must be before to")
    @GetMapping("/reports/timeline")
    Timeline timeline(@RequestParam @DateTimeFormat(iso = DateTimeFormat.ISO.DATE_TIME) Instant from,
            @RequestParam @DateTimeFormat(iso = DateTimeFormat.ISO.DATE_TIME) Instant to,
            @RequestParam(defaultValue = "day") TimeBucket bucket,
            @RequestParam(name = "publisher_id", required = false) String publisherId, PublisherScope scope) {
        String publisher = scope.narrow(publisherId);
        List<Instant> starts = bucket.starts(from, to);
        Instant start = starts.get(0);
        Map<Instant, Point> points = new LinkedHashMap<>();
        starts.forEach(at -> points.put(at, new Point(at, new ArrayList<>(), new ArrayList<>())));
        sums("revenue", "revenue_currency", bucket, start, to, publisher)
            .forEach((at, amounts) -> points.get(at).revenue().addAll(amounts));
        sums("publisher_payout", "payout_currency", bucket, start, to, publisher)
            .forEach((at, amounts) -> points.get(at).publisherPayout().addAll(amounts));
        return new Timeline(start, to, bucket, publisher, List.copyOf(points.values()));
    }

    private Map<Instant, List<Amount>> sums(String amount, String currency, TimeBucket bucket, Instant from,
            Instant to, String publisher) {
        Map<Instant, List<Amount>> sums = new LinkedHashMap<>();
        jdbc.sql("""
                select date_trunc(:unit, occurred_at at time zone 'UTC') at time zone 'UTC' as bucket,
                       %2$s as currency, sum(%1$s) as amount
                  from ledger_entries
                 where occurred_at >= :from and occurred_at < :to
                   and (cast(:publisher as text) is null or publisher_id = :publisher)
                 group by 1, 2 order by 1, 2""".formatted(amount, currency))
            .param("unit", bucket.name())
            .param("from", Timestamp.from(from))
            .param("to", Timestamp.from(to))
            .param("publisher", publisher)
            .query((rs, n) -> {
                sums.computeIfAbsent(rs.getTimestamp("bucket").toInstant(), at -> new ArrayList<>())
                    .add(new Amount(rs.getBigDecimal("amount"), rs.getString("currency")));
                return n;
            })
            .list();
        return sums;
    }


    /** @param publisherId whose entries these are; null for every publisher's */
    record Timeline(Instant from, Instant to, TimeBucket bucket, String publisherId, List<Point> points) {
    }

    /** One bucket: an amount per currency, currencies in order. */
    record Point(Instant at, List<Amount> revenue, List<Amount> publisherPayout) {
    }
}
