package io.croupier.commission.points;

import java.math.BigDecimal;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Optional;

import io.croupier.runtime.audit.AuditTrail;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.web.ErrorResponseException;

/**
 * Operators' grants of points to an offerwall user (seed 002's {@code POST /earn}). Each grant is one row keyed by its
 * id and adds to the balance with {@link UserPoints#add}'s atomic upsert in the same transaction, so concurrent grants
 * never lose one another and a retried grant (same id) adds nothing and answers what the first one answered.
 */
@Repository
class PointGrants {

    private final JdbcClient jdbc;

    private final UserPoints points;

    private final AuditTrail audit;

    PointGrants(JdbcClient jdbc, UserPoints points, AuditTrail audit) {
        this.jdbc = jdbc;
        this.points = points;
        this.audit = audit;
    }

    @Transactional
    Grant grant(String grantId, String publisherId, String userId, BigDecimal amount, String reason, String grantedBy,
            Instant at) {
        boolean knownPublisher = jdbc.sql("select exists (select 1 from publisher_versions where publisher_id = :id)")
            .param("id", publisherId)
            .query(Boolean.class)
            .single();
        if (!knownPublisher) {
            throw new ErrorResponseException(HttpStatus.NOT_FOUND, ProblemDetail.forStatusAndDetail(
                    HttpStatus.NOT_FOUND, "no publisher " + publisherId), null);
        }
        int inserted = jdbc.sql("""
                insert into user_point_grants (grant_id, publisher_id, user_id, points, reason, granted_by, granted_at)
                values (:grantId, :publisherId, :userId, :points, :reason, :grantedBy, :at)
                on conflict (grant_id) do nothing""")
            .param("grantId", grantId)
            .param("publisherId", publisherId)
            .param("userId", userId)
            .param("points", amount)
            .param("reason", reason)
            .param("grantedBy", grantedBy)
            .param("at", Timestamp.from(at))
            .update();
        if (inserted == 0) {
            return sameGrantAgain(grantId, publisherId, userId, amount, reason);
        }
        BigDecimal balance = points.add(publisherId, userId, amount, at);
        jdbc.sql("update user_point_grants set balance_after = :balance where grant_id = :grantId")
            .param("balance", balance)
            .param("grantId", grantId)
            .update();
        Grant grant = new Grant(grantId, publisherId, userId, amount, reason, grantedBy, at, balance);
        audit.record("create", "user-point-grant", grantId, null, grant);
        return grant;
    }

    private Grant sameGrantAgain(String grantId, String publisherId, String userId, BigDecimal amount, String reason) {
        Grant earlier = find(grantId).orElseThrow();
        boolean same = earlier.publisherId().equals(publisherId) && earlier.userId().equals(userId)
                && earlier.amount().compareTo(amount) == 0 && earlier.reason().equals(reason);
        if (!same) {
            throw new ErrorResponseException(HttpStatus.CONFLICT, ProblemDetail.forStatusAndDetail(HttpStatus.CONFLICT,
                    "grant " + grantId + " was already made with other values"), null);
        }
        return earlier;
    }

    private Optional<Grant> find(String grantId) {
        return jdbc.sql("select * from user_point_grants where grant_id = :grantId")
            .param("grantId", grantId)
            .query(PointGrants::grant)
            .optional();
    }

    private static Grant grant(ResultSet rs, int row) throws SQLException {
        return new Grant(rs.getString("grant_id"), rs.getString("publisher_id"), rs.getString("user_id"),
                rs.getBigDecimal("points"), rs.getString("reason"), rs.getString("granted_by"),
                rs.getTimestamp("granted_at").toInstant(), rs.getBigDecimal("balance_after"));
    }

    /** A grant as {@code POST /earn} answers it: {@code balance} is the user's balance right after it. */
    record Grant(String grantId, String publisherId, String userId, BigDecimal amount, String reason,
            String grantedBy, Instant grantedAt, BigDecimal balance) {
    }
}
