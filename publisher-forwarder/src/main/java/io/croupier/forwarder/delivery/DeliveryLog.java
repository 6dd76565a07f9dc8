package io.croupier.forwarder.delivery;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.croupier.runtime.paging.Cursor;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The deliveries as the admin reads them: each with every attempt made for it, per payout, per publisher, dead ones. */
@Repository
class DeliveryLog {

    private final JdbcClient jdbc;

    DeliveryLog(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    Optional<DeliveryView> find(String id) {
        return withAttempts(jdbc.sql(VIEW_SELECT + " where id = :id").param("id", id).query(DeliveryLog::view)
            .list()).stream().findFirst();
    }

    /** Newest received first, from after the cursor's delivery; {@code deliveries_by_publisher_newest} in order. */
    List<DeliveryView> byPublisher(long publisherId, String state, Cursor after, int count) {
        return withAttempts(jdbc.sql(VIEW_SELECT + """
                 where publisher_id = :publisherId and (cast(:state as text) is null or state = :state)
                   and (cast(:afterAt as timestamptz) is null or (received_at, id) < (:afterAt, :afterId))
                order by received_at desc, id desc limit :limit""")
            .param("publisherId", publisherId)
            .param("state", state)
            .param("afterAt", after == null ? null : Timestamp.from(after.at()))
            .param("afterId", after == null ? null : after.id())
            .param("limit", count)
            .query(DeliveryLog::view)
            .list());
    }

    /** Newest dead first, from after the cursor's delivery; {@code deliveries_dead_newest} in order. */
    List<DeliveryView> deadLetters(Long publisherId, Cursor after, int count) {
        return withAttempts(jdbc.sql(VIEW_SELECT + """
                 where state = 'DEAD' and (cast(:publisherId as bigint) is null or publisher_id = :publisherId)
                   and (cast(:afterAt as timestamptz) is null or (dead_at, id) < (:afterAt, :afterId))
                order by dead_at desc, id desc limit :limit""")
            .param("publisherId", publisherId)
            .param("afterAt", after == null ? null : Timestamp.from(after.at()))
            .param("afterId", after == null ? null : after.id())
            .param("limit", count)
            .query(DeliveryLog::view)
            .list());
    }

    private static final String VIEW_SELECT = """
            select id, publisher_id, offer_id, click_id, transaction_id, event, status, payout_amount, payout_currency,
                state, attempts, next_attempt_at, last_error, received_at, delivered_at, dead_at
            from deliveries""";

    private List<DeliveryView> withAttempts(List<DeliveryView> deliveries) {
        if (deliveries.isEmpty()) {
            return deliveries;
        }
        Map<String, List<DeliveryView.Attempt>> attempts = new LinkedHashMap<>();
        jdbc.sql("""
                select delivery_id, attempt, started_at, method, url, outcome, status_code, latency_ms,
                    response_excerpt, error
                from delivery_attempts
                where delivery_id in (:ids) and delivery_received_at in (:arrivals)
                order by delivery_id, attempt""")
            .param("ids", deliveries.stream().map(DeliveryView::id).toList())
            // Each delivery's attempts are in the partition of its arrival: only those days are read.
            .param("arrivals", deliveries.stream().map(view -> Timestamp.from(view.receivedAt())).distinct().toList())
            .query((rs, n) -> {
                attempts.computeIfAbsent(rs.getString("delivery_id"), id -> new ArrayList<>())
                    .add(new DeliveryView.Attempt(rs.getInt("attempt"), instant(rs.getTimestamp("started_at")),
                            rs.getString("method"), rs.getString("url"), rs.getString("outcome"),
                            (Integer) rs.getObject("status_code"), rs.getInt("latency_ms"),
                            rs.getString("response_excerpt"), rs.getString("error")));
                return null;
            })
            .list();
        return deliveries.stream().map(view -> view.with(attempts.getOrDefault(view.id(), List.of()))).toList();
    }

    private static DeliveryView view(ResultSet rs, int rowNumber) throws SQLException {
        return new DeliveryView(rs.getString("id"), rs.getLong("publisher_id"), rs.getString("offer_id"),
                rs.getString("click_id"), rs.getString("transaction_id"), rs.getString("event"),
                rs.getString("status"),
                new DeliveryView.Amount(rs.getBigDecimal("payout_amount").toPlainString(),
                        rs.getString("payout_currency")),
                rs.getString("state"), rs.getInt("attempts"), instant(rs.getTimestamp("next_attempt_at")),
                rs.getString("last_error"), instant(rs.getTimestamp("received_at")),
                instant(rs.getTimestamp("delivered_at")), instant(rs.getTimestamp("dead_at")), List.of());
    }

    private static Instant instant(Timestamp timestamp) {
        return timestamp == null ? null : timestamp.toInstant();
    }
}
