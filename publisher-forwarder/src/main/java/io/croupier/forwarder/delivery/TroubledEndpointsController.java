package io.croupier.forwarder.delivery;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.Map;

import io.croupier.forwarder.endpoint.EndpointGuards;
import io.croupier.runtime.paging.Cursor;
import io.croupier.runtime.paging.CursorPage;
import io.croupier.runtime.paging.PageRequest;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The publisher endpoints that are not being paid normally now, for the operators' dashboard: disabled (the
 * publisher answered 410, until an admin updates it) or with a circuit breaker that is not closed. Breakers live in
 * memory per instance, so an instance answers for its own breakers and for every disabled endpoint.
 */
@Tag(name = "Delivery health", description = "A range's deliveries by state, payout-to-delivery latency and the "
        + "publisher endpoints disabled now.")
@RestController
class TroubledEndpointsController {

    private final JdbcClient jdbc;

    private final EndpointGuards guards;

    TroubledEndpointsController(JdbcClient jdbc, EndpointGuards guards) {
        this.jdbc = jdbc;
        this.guards = guards;
    }

    /** By publisher id. */
    @GetMapping("/admin/deliveries/endpoints")
    CursorPage<TroubledEndpoint> troubled(@RequestParam(required = false) String cursor,
            @RequestParam(defaultValue = PageRequest.DEFAULT_LIMIT) int limit) {
        PageRequest request = new PageRequest(cursor, limit);
        Cursor after = request.after();
        Map<Long, String> breakers = guards.breakersNotClosed();
        return request.page(jdbc.sql("""
                select id, name, endpoint_disabled_at, endpoint_disabled_reason from publishers
                 where (endpoint_disabled_at is not null or id = any(:breakers))
                   and (cast(:after as bigint) is null or id > :after)
                 order by id
                 limit :limit""")
            .param("breakers", breakers.keySet().toArray(Long[]::new))
            .param("after", after == null ? null : after.numericId())
            .param("limit", request.fetchSize())
            .query((rs, n) -> {
                Timestamp disabledAt = rs.getTimestamp("endpoint_disabled_at");
                long id = rs.getLong("id");
                return new TroubledEndpoint(id, rs.getString("name"),
                        disabledAt == null ? null : disabledAt.toInstant(), rs.getString("endpoint_disabled_reason"),
                        breakers.getOrDefault(id, "CLOSED"));
            })
            .list(), endpoint -> Cursor.of(endpoint.publisherId()));
    }

    /**
     * @param disabledAt when the endpoint was disabled; null when it is not
     * @param breaker {@code OPEN}, {@code HALF_OPEN} or {@code CLOSED}, on this instance
     */
    record TroubledEndpoint(long publisherId, String name, Instant disabledAt, String disabledReason,
            String breaker) {
    }
}
