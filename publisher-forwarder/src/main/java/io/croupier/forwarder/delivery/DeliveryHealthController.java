package io.croupier.forwarder.delivery;

import java.sql.Timestamp;
import java.time.Instant;

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
 * How publishers are being paid, for the operators' dashboard: the deliveries of payouts received in a range by state
 * (delivered, still retrying, given up), how long delivered ones took from the payout's occurrence to the publisher's
 * answer, and how many endpoints are disabled now.
 */
@Tag(name = "Delivery health", description = "A range's deliveries by state, payout-to-delivery latency and the "
        + "publisher endpoints disabled now.")
@RestController
class DeliveryHealthController {

    private final JdbcClient jdbc;

    DeliveryHealthController(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * @param from inclusive and {@code to} exclusive, on when the forwarder received the payout
     * @param publisherId one publisher's deliveries and whether its endpoint is disabled; every publisher's without it
     */
    @ErrorAnswer(status = 400, when = "from is not before to, or a parameter is missing or malformed",
            detail = "from must be before to")
    @GetMapping("/admin/deliveries/health")
    Health health(@RequestParam @DateTimeFormat(iso = DateTimeFormat.ISO.DATE_TIME) Instant from,
            @RequestParam @DateTimeFormat(iso = DateTimeFormat.ISO.DATE_TIME) Instant to,
            @RequestParam(name = "publisher_id", required = false) Long publisherId) {
        if (!from.isBefore(to)) {
            throw new ErrorResponseException(HttpStatus.BAD_REQUEST,
                    ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, "from must be before to"), null);
        }
        return jdbc.sql("""
                select count(*) filter (where state = 'DELIVERED') delivered,
                       count(*) filter (where state = 'PENDING') retrying,
                       count(*) filter (where state = 'DEAD') dead,
                       percentile_cont(0.5) within group (order by extract(epoch from delivered_at - occurred_at))
                           filter (where state = 'DELIVERED') p50,
                       percentile_cont(0.95) within group (order by extract(epoch from delivered_at - occurred_at))
                           filter (where state = 'DELIVERED') p95,
                       (select count(*) from publishers where endpoint_disabled_at is not null
                           and (cast(:publisherId as bigint) is null or id = :publisherId)) disabled
                  from deliveries
                 where received_at >= :from and received_at < :to
                   and (cast(:publisherId as bigint) is null or publisher_id = :publisherId)""")
            .param("from", Timestamp.from(from))
            .param("to", Timestamp.from(to))
            .param("publisherId", publisherId)
            .query((rs, n) -> new Health(from, to, rs.getLong("delivered"), rs.getLong("retrying"),
                    rs.getLong("dead"), seconds(rs.getObject("p50")), seconds(rs.getObject("p95")),
                    rs.getLong("disabled")))
            .single();
    }

    private static Double seconds(Object value) {
        return value == null ? null : ((Number) value).doubleValue();
    }

    /**
     * @param retrying pending deliveries: not yet answered with success, still on their retry schedule
     * @param latencyP50Seconds and {@code latencyP95Seconds}: from the payout's occurrence to the successful answer,
     *        of the delivered ones; null when none was delivered
     * @param endpointsDisabled publishers whose endpoint is disabled now (a 410 answer), whatever the range: 0 or 1
     *        for one publisher
     */
    record Health(Instant from, Instant to, long delivered, long retrying, long dead, Double latencyP50Seconds,
            Double latencyP95Seconds, long endpointsDisabled) {
    }
}
