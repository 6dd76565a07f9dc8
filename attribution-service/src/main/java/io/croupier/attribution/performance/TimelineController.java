package io.croupier.attribution.performance;

import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.croupier.runtime.problems.ErrorAnswer;
import io.croupier.runtime.timeline.TimeBucket;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The funnel over time, for charts: clicks, registrations and first deposits (and the deposit volume per currency)
 * per UTC hour or day, of every offer or one, summed from the tumbling windows that start in each bucket. Empty
 * buckets are answered too, so a chart's axis is the whole range.
 */
@Tag(name = "Funnel timeline", description = "Clicks, registrations, first deposits and deposit volume per UTC hour "
        + "or day, of every offer or one, for the console's charts.")
@RestController
class TimelineController {


    private final JdbcClient jdbc;

    private final PerformanceSettings settings;

    TimelineController(JdbcClient jdbc, PerformanceSettings settings) {
        this.jdbc = jdbc;
        this.settings = settings;
    }

    @ErrorAnswer(status = 400,
            when = "from is not before to, the range holds too many buckets, or a parameter is malformed",
            detail = "from must be before to")
    @GetMapping("/offers/timeline")
    Timeline timeline(@RequestParam @DateTimeFormat(iso = DateTimeFormat.ISO.DATE_TIME) Instant from,
            @RequestParam @DateTimeFormat(iso = DateTimeFormat.ISO.DATE_TIME) Instant to,
            @RequestParam(defaultValue = "day") TimeBucket bucket,
            @RequestParam(name = "offer_id", required = false) String offerId) {
        List<Instant> starts = bucket.starts(from, to);
        Instant start = starts.get(0);
        Map<Instant, Point> points = new LinkedHashMap<>();
        starts.forEach(at -> points.put(at, new Point(at, 0, 0, 0, new ArrayList<>())));
        Timestamp first = Timestamp.from(start);
        Timestamp end = Timestamp.from(to);
        jdbc.sql("""
                select date_trunc(:unit, window_start at time zone 'UTC') at time zone 'UTC' as bucket,
                       sum(clicks) clicks, sum(registrations) registrations, sum(first_deposits) first_deposits
                  from performance_windows
                 where window_start >= :from and window_start < :to
                   and (cast(:offer as text) is null or offer_id = :offer)
                 group by 1""")
            .param("unit", bucket.name())
            .param("from", first)
            .param("to", end)
            .param("offer", offerId)
            .query((rs, n) -> new Point(rs.getTimestamp("bucket").toInstant(), rs.getLong("clicks"),
                    rs.getLong("registrations"), rs.getLong("first_deposits"), new ArrayList<>()))
            .list()
            .forEach(point -> points.put(point.at(), point));
        jdbc.sql("""
                select date_trunc(:unit, window_start at time zone 'UTC') at time zone 'UTC' as bucket, currency,
                       sum(amount) amount
                  from performance_deposit_volume
                 where window_start >= :from and window_start < :to
                   and (cast(:offer as text) is null or offer_id = :offer)
                 group by 1, 2 order by 2""")
            .param("unit", bucket.name())
            .param("from", first)
            .param("to", end)
            .param("offer", offerId)
            .query((rs, n) -> {
                points.get(rs.getTimestamp("bucket").toInstant()).depositVolume()
                    .add(new FunnelController.Volume(rs.getBigDecimal("amount"), rs.getString("currency")));
                return n;
            })
            .list();
        return new Timeline(start, to, bucket, settings.window(), List.copyOf(points.values()));
    }


    /**
     * @param window the tumbling window the counts are kept in: a bucket counts the windows that start in it
     */
    record Timeline(Instant from, Instant to, TimeBucket bucket, Duration window, List<Point> points) {
    }

    record Point(Instant at, long clicks, long registrations, long firstDeposits,
            List<FunnelController.Volume> depositVolume) {
    }
}
