package io.croupier.commission.report;

import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.croupier.commission.money.Amount;
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
 * The ledger over time, for charts: revenue and publisher payouts per currency per UTC hour or day, by when the
 * entries occurred, reversals netted in. Every bucket of the range is answered, empty ones too.
 */
@Tag(name = "Revenue timeline", description = "Casino revenue and publisher payouts per currency per UTC hour or "
        + "day, reversals netted in.")
@RestController
class RevenueTimelineController {

    static final int MAX_BUCKETS = 800;

    private final JdbcClient jdbc;

    RevenueTimelineController(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @GetMapping("/reports/timeline")
    Timeline timeline(@RequestParam @DateTimeFormat(iso = DateTimeFormat.ISO.DATE_TIME) Instant from,
            @RequestParam @DateTimeFormat(iso = DateTimeFormat.ISO.DATE_TIME) Instant to,
            @RequestParam(defaultValue = "day") Bucket bucket) {
        Instant start = bucket.floor(from);
        if (!start.isBefore(to)) {
            throw badRequest("from must be before to");
        }
        if (Duration.between(start, to).dividedBy(bucket.length) >= MAX_BUCKETS) {
            throw badRequest("at most " + MAX_BUCKETS + " buckets: choose a shorter range or bucket=day");
        }
        Map<Instant, Point> points = new LinkedHashMap<>();
        for (Instant at = start; at.isBefore(to); at = at.plus(bucket.length)) {
            points.put(at, new Point(at, new ArrayList<>(), new ArrayList<>()));
        }
        sums("revenue", "revenue_currency", bucket, start, to)
            .forEach((at, amounts) -> points.get(at).revenue().addAll(amounts));
        sums("publisher_payout", "payout_currency", bucket, start, to)
            .forEach((at, amounts) -> points.get(at).publisherPayout().addAll(amounts));
        return new Timeline(start, to, bucket, List.copyOf(points.values()));
    }

    private Map<Instant, List<Amount>> sums(String amount, String currency, Bucket bucket, Instant from, Instant to) {
        Map<Instant, List<Amount>> sums = new LinkedHashMap<>();
        jdbc.sql("""
                select date_trunc(:unit, occurred_at at time zone 'UTC') at time zone 'UTC' as bucket,
                       %2$s as currency, sum(%1$s) as amount
                  from ledger_entries
                 where occurred_at >= :from and occurred_at < :to
                 group by 1, 2 order by 1, 2""".formatted(amount, currency))
            .param("unit", bucket.name())
            .param("from", Timestamp.from(from))
            .param("to", Timestamp.from(to))
            .query((rs, n) -> {
                sums.computeIfAbsent(rs.getTimestamp("bucket").toInstant(), at -> new ArrayList<>())
                    .add(new Amount(rs.getBigDecimal("amount"), rs.getString("currency")));
                return n;
            })
            .list();
        return sums;
    }

    private static ErrorResponseException badRequest(String detail) {
        return new ErrorResponseException(HttpStatus.BAD_REQUEST,
                ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, detail), null);
    }

    enum Bucket {
        hour(Duration.ofHours(1)), day(Duration.ofDays(1));

        private final Duration length;

        Bucket(Duration length) {
            this.length = length;
        }

        Instant floor(Instant moment) {
            long millis = length.toMillis();
            return Instant.ofEpochMilli(Math.floorDiv(moment.toEpochMilli(), millis) * millis);
        }
    }

    record Timeline(Instant from, Instant to, Bucket bucket, List<Point> points) {
    }

    /** One bucket: an amount per currency, currencies in order. */
    record Point(Instant at, List<Amount> revenue, List<Amount> publisherPayout) {
    }
}
