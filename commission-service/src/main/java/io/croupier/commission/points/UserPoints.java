package io.croupier.commission.points;

import java.math.BigDecimal;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * Offerwall end users' points (seed 004): 1:1 with the approved payout, taken back with a clawback. Each movement is
 * keyed by its ledger entry and the balance is changed by one atomic upsert, so concurrent events never lose an
 * update.
 */
@Repository
class UserPoints {

    private final JdbcClient jdbc;

    UserPoints(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    void credit(String entryId, String publisherId, String userId, BigDecimal points, Instant at) {
        int inserted = jdbc.sql("""
                insert into user_point_movements (entry_id, publisher_id, user_id, points, recorded_at)
                values (:entryId, :publisherId, :userId, :points, :at) on conflict do nothing""")
            .param("entryId", entryId)
            .param("publisherId", publisherId)
            .param("userId", userId)
            .param("points", points)
            .param("at", Timestamp.from(at))
            .update();
        if (inserted == 0) {
            return;
        }
        add(publisherId, userId, points, at);
    }

    /**
     * Adds to a user's balance in one statement and answers the balance after it: the upsert locks the row, so
     * concurrent movements of the same user queue behind each other instead of overwriting each other.
     */
    BigDecimal add(String publisherId, String userId, BigDecimal points, Instant at) {
        return jdbc.sql("""
                insert into user_points (publisher_id, user_id, points, updated_at)
                values (:publisherId, :userId, :points, :at)
                on conflict (publisher_id, user_id)
                do update set points = user_points.points + excluded.points, updated_at = excluded.updated_at
                returning points""")
            .param("publisherId", publisherId)
            .param("userId", userId)
            .param("points", points)
            .param("at", Timestamp.from(at))
            .query(BigDecimal.class)
            .single();
    }

    /** Takes back the points an entry earned, if it earned any. */
    void reverse(String reversedEntryId, String reversalEntryId, Instant at) {
        record Movement(String publisherId, String userId, BigDecimal points) {
        }
        jdbc.sql("select publisher_id, user_id, points from user_point_movements where entry_id = :id")
            .param("id", reversedEntryId)
            .query((rs, n) -> new Movement(rs.getString(1), rs.getString(2), rs.getBigDecimal(3)))
            .optional()
            .ifPresent(movement -> credit(reversalEntryId, movement.publisherId(), movement.userId(),
                    movement.points().negate(), at));
    }

    Optional<Balance> balance(String publisherId, String userId) {
        return jdbc.sql("select points, updated_at from user_points where publisher_id = :p and user_id = :u")
            .param("p", publisherId)
            .param("u", userId)
            .query((rs, n) -> new Balance(publisherId, userId, rs.getBigDecimal("points"),
                    rs.getTimestamp("updated_at").toInstant()))
            .optional();
    }

    record Balance(String publisherId, String userId, BigDecimal points, Instant updatedAt) {
    }
}
