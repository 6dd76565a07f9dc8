package io.croupier.forwarder.delivery;

import java.math.BigDecimal;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import io.croupier.events.PayoutDue;
import io.croupier.events.Tracking;
import io.croupier.forwarder.endpoint.PostbackRequest;
import io.croupier.forwarder.endpoint.PostbackResponse;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The deliveries as work: a payout becomes a pending delivery, instances lease the due ones, and each attempt settles
 * the delivery into delivered, retried later, deferred or dead. Replaying a dead letter puts it back into the queue.
 */
@Repository
class DeliveryQueue {

    private static final String DELIVERY_COLUMNS = """
            id, publisher_id, offer_id, click_id, transaction_id, external_offer_id, event, status, payout_amount,
            payout_currency, source, campaign, sub1, sub2, sub3, sub4, sub5, reverses, occurred_at, attempts,
            round_attempts""";

    private final JdbcClient jdbc;

    DeliveryQueue(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** @return false when the payout is already a delivery */
    boolean insert(PayoutDue payout, long publisherId, Duration firstDelay) {
        return jdbc.sql("""
                insert into deliveries (id, publisher_id, offer_id, click_id, transaction_id, external_offer_id, event,
                    status, payout_amount, payout_currency, source, campaign, sub1, sub2, sub3, sub4, sub5, reverses,
                    occurred_at, state, next_attempt_at)
                values (:id, :publisherId, :offerId, :clickId, :transactionId, :externalOfferId, :event, :status,
                    :amount, :currency, :source, :campaign, :sub1, :sub2, :sub3, :sub4, :sub5, :reverses, :occurredAt,
                    'PENDING', now() + :firstDelayMillis * interval '1 millisecond')
                on conflict (id) do nothing""")
            .param("id", payout.getEventId())
            .param("publisherId", publisherId)
            .param("offerId", payout.getOfferId())
            .param("clickId", payout.getClickId())
            .param("transactionId", payout.getTransactionId())
            .param("externalOfferId", payout.getExternalOfferId())
            .param("event", payout.getEvent().name())
            .param("status", payout.getStatus().name())
            .param("amount", new BigDecimal(payout.getPayout().getAmount()))
            .param("currency", payout.getPayout().getCurrency())
            .param("source", payout.getTracking().getSource())
            .param("campaign", payout.getTracking().getCampaign())
            .param("sub1", payout.getTracking().getSub1())
            .param("sub2", payout.getTracking().getSub2())
            .param("sub3", payout.getTracking().getSub3())
            .param("sub4", payout.getTracking().getSub4())
            .param("sub5", payout.getTracking().getSub5())
            .param("reverses", payout.getReverses())
            .param("occurredAt", Timestamp.from(payout.getOccurredAt()))
            .param("firstDelayMillis", firstDelay.toMillis())
            .update() == 1;
    }

    /**
     * Leases due deliveries to this instance, oldest first, leaving out publishers that already have
     * {@code perPublisher} attempts in flight. A delivery leased by another instance is skipped: the outer condition is
     * re-checked under the row lock, so two instances never lease the same row.
     */
    List<Delivery> claimDue(int limit, int perPublisher, Duration lease) {
        return jdbc.sql("""
                update deliveries d set lease_until = now() + :leaseMillis * interval '1 millisecond'
                where d.id in (
                    select due.id from (
                        select id, publisher_id, next_attempt_at,
                            row_number() over (partition by publisher_id order by next_attempt_at, id) as rank
                        from deliveries
                        where state = 'PENDING' and next_attempt_at <= now()
                            and (lease_until is null or lease_until <= now())
                    ) due
                    left join (
                        select publisher_id, count(*) as busy from deliveries
                        where lease_until is not null and lease_until > now() and state = 'PENDING'
                        group by publisher_id
                    ) in_flight on in_flight.publisher_id = due.publisher_id
                    where due.rank + coalesce(in_flight.busy, 0) <= :perPublisher
                    order by due.next_attempt_at
                    limit :limit)
                and d.state = 'PENDING' and (d.lease_until is null or d.lease_until <= now())
                """ + "returning " + DELIVERY_COLUMNS)
            .param("leaseMillis", lease.toMillis())
            .param("perPublisher", perPublisher)
            .param("limit", limit)
            .query(DeliveryQueue::delivery)
            .list();
    }

    void recordAttempt(Delivery delivery, Instant startedAt, PostbackRequest request, PostbackResponse response) {
        jdbc.sql("""
                insert into delivery_attempts (delivery_id, attempt, started_at, method, url, outcome, status_code,
                    latency_ms, response_excerpt, error)
                values (:id, :attempt, :startedAt, :method, :url, :outcome, :statusCode, :latency, :excerpt, :error)""")
            .param("id", delivery.id())
            .param("attempt", delivery.attempts() + 1)
            .param("startedAt", Timestamp.from(startedAt))
            .param("method", request.method())
            .param("url", request.uri().toString())
            .param("outcome", response.outcome().name())
            .param("statusCode", response.statusCode())
            .param("latency", (int) Math.min(Integer.MAX_VALUE, response.latency().toMillis()))
            .param("excerpt", response.excerpt())
            .param("error", response.error())
            .update();
    }

    /** @return how long the delivery took from its arrival to now; empty when it was no longer pending */
    Optional<Duration> delivered(String id) {
        return jdbc.sql("""
                update deliveries set state = 'DELIVERED', attempts = attempts + 1, round_attempts = round_attempts + 1,
                    delivered_at = now(), next_attempt_at = null, lease_until = null, last_error = null
                where id = :id and state = 'PENDING'
                returning (extract(epoch from delivered_at - received_at) * 1000)::bigint as millis""")
            .param("id", id)
            .query((rs, n) -> Duration.ofMillis(rs.getLong("millis")))
            .optional();
    }

    void retryAt(String id, Instant nextAttemptAt, String error) {
        jdbc.sql("""
                update deliveries set attempts = attempts + 1, round_attempts = round_attempts + 1,
                    next_attempt_at = :next, lease_until = null, last_error = :error
                where id = :id and state = 'PENDING'""")
            .param("next", Timestamp.from(nextAttemptAt))
            .param("error", error)
            .param("id", id)
            .update();
    }

    /** @return whether the delivery was pending and is now dead */
    boolean dead(String id, String reason, boolean afterAttempt) {
        return jdbc.sql("""
                update deliveries set state = 'DEAD', attempts = attempts + :made, round_attempts = round_attempts + :made,
                    dead_at = now(), next_attempt_at = null, lease_until = null, last_error = :reason
                where id = :id and state = 'PENDING'""")
            .param("made", afterAttempt ? 1 : 0)
            .param("reason", reason)
            .param("id", id)
            .update() == 1;
    }

    /** Gives the lease back without an attempt: the endpoint was paused, open or at its rate limit. */
    void deferTo(String id, Instant nextAttemptAt, String reason) {
        jdbc.sql("""
                update deliveries set next_attempt_at = :next, lease_until = null, last_error = :reason
                where id = :id and state = 'PENDING'""")
            .param("next", Timestamp.from(nextAttemptAt))
            .param("reason", reason)
            .param("id", id)
            .update();
    }

    /** @return whether the delivery was a dead letter and is now due again with a fresh schedule */
    boolean replay(String id) {
        return jdbc.sql("""
                update deliveries set state = 'PENDING', round_attempts = 0, next_attempt_at = now(), dead_at = null
                where id = :id and state = 'DEAD'""")
            .param("id", id)
            .update() == 1;
    }

    int replayDeadLetters(long publisherId) {
        return jdbc.sql("""
                update deliveries set state = 'PENDING', round_attempts = 0, next_attempt_at = now(), dead_at = null
                where publisher_id = :publisherId and state = 'DEAD'""")
            .param("publisherId", publisherId)
            .update();
    }

    private static Delivery delivery(ResultSet rs, int rowNumber) throws SQLException {
        return new Delivery(rs.getString("id"), rs.getLong("publisher_id"), rs.getString("offer_id"),
                rs.getString("click_id"), rs.getString("transaction_id"), rs.getString("external_offer_id"),
                rs.getString("event"), rs.getString("status"), rs.getBigDecimal("payout_amount"),
                rs.getString("payout_currency"), tracking(rs), rs.getString("reverses"),
                instant(rs.getTimestamp("occurred_at")),
                rs.getInt("attempts"), rs.getInt("round_attempts"));
    }

    private static Tracking tracking(ResultSet rs) throws SQLException {
        return new Tracking(rs.getString("source"), rs.getString("campaign"), rs.getString("sub1"),
                rs.getString("sub2"), rs.getString("sub3"), rs.getString("sub4"), rs.getString("sub5"));
    }

    private static Instant instant(Timestamp timestamp) {
        return timestamp == null ? null : timestamp.toInstant();
    }
}
