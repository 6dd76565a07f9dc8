package io.croupier.attribution.performance;

import java.math.BigDecimal;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;

import io.croupier.runtime.problems.ErrorAnswer;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.http.HttpStatus;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.web.ErrorResponseException;
import org.springframework.http.ProblemDetail;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** Per-offer funnel counts over a time range, summed from the tumbling windows the range covers. */
@Tag(name = "Offer funnels", description = "Per-offer clicks, registrations and deposits over a time range.")
@RestController
class FunnelController {

    private final JdbcClient jdbc;

    private final PerformanceSettings settings;

    FunnelController(JdbcClient jdbc, PerformanceSettings settings) {
        this.jdbc = jdbc;
        this.settings = settings;
    }

    /**
     * Counts the windows that start in {@code [from, to)}; {@code from} is rounded down to its window, so the answer
     * covers whole windows.
     */
    @ErrorAnswer(status = 400, when = "from is not before to, or a parameter is malformed",
            detail = "from must be before to")
    @GetMapping("/offers/{offerId}/funnel")
    Funnel funnel(@PathVariable String offerId,
            @RequestParam @DateTimeFormat(iso = DateTimeFormat.ISO.DATE_TIME) Instant from,
            @RequestParam @DateTimeFormat(iso = DateTimeFormat.ISO.DATE_TIME) Instant to) {
        if (!from.isBefore(to)) {
            ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, "from must be before to");
            throw new ErrorResponseException(HttpStatus.BAD_REQUEST, problem, null);
        }
        Timestamp start = new Timestamp(settings.windowStart(from));
        Timestamp end = Timestamp.from(to);
        Funnel counts = jdbc.sql("""
                select coalesce(sum(clicks), 0) clicks, coalesce(sum(registrations), 0) registrations,
                       coalesce(sum(first_deposits), 0) first_deposits
                  from performance_windows where offer_id = ? and window_start >= ? and window_start < ?""")
            .params(offerId, start, end)
            .query((rs, n) -> new Funnel(offerId, start.toInstant(), to, rs.getLong("clicks"),
                    rs.getLong("registrations"), rs.getLong("first_deposits"), List.of()))
            .single();
        List<Volume> volume = jdbc.sql("""
                select currency, sum(amount) amount from performance_deposit_volume
                 where offer_id = ? and window_start >= ? and window_start < ?
                 group by currency order by currency""")
            .params(offerId, start, end)
            .query((rs, n) -> new Volume(rs.getBigDecimal("amount"), rs.getString("currency")))
            .list();
        return new Funnel(counts.offerId(), counts.from(), counts.to(), counts.clicks(), counts.registrations(),
                counts.firstDeposits(), volume);
    }

    record Funnel(String offerId, Instant from, Instant to, long clicks, long registrations, long firstDeposits,
            List<Volume> depositVolume) {
    }

    record Volume(BigDecimal amount, String currency) {
    }
}
