package io.croupier.forwarder.delivery;

import java.math.BigDecimal;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;

import io.croupier.events.PayoutDue;
import io.croupier.events.Tracking;
import io.croupier.forwarder.endpoint.PostbackResponse;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.jdbc.core.namedparam.SqlParameterSource;
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

    private final NamedParameterJdbcTemplate batch;

    DeliveryQueue(JdbcClient jdbc, NamedParameterJdbcTemplate batch) {
        this.jdbc = jdbc;
        this.batch = batch;
    }

    /**
     * Inserts the new deliveries in one batch (one round trip); a payout that is already a delivery is left as it is.
     *
     * @return how many were inserted
     */
    int insert(List<NewDelivery> payouts, Duration firstDelay) {
        if (payouts.isEmpty()) {
            return 0;
        }
        SqlParameterSource[] rows = payouts.stream().map(row -> row.parameters(firstDelay))
            .toArray(SqlParameterSource[]::new);
        return (int) Arrays.stream(batch.batchUpdate("""
                insert into deliveries (id, publisher_id, offer_id, click_id, transaction_id, external_offer_id, event,
                    status, payout_amount, payout_currency, source, campaign, sub1, sub2, sub3, sub4, sub5, reverses,
                    occurred_at, state, next_attempt_at)
                values (:id, :publisherId, :offerId, :clickId, :transactionId, :externalOfferId, :event, :status,
                    :amount, :currency, :source, :campaign, :sub1, :sub2, :sub3, :sub4, :sub5, :reverses, :occurredAt,
                    'PENDING', now() + :firstDelayMillis * interval '1 millisecond')
                on conflict (id) do nothing""", rows)).filter(count -> count != 0).count();
    }

    /**
     * Leases due deliveries to this instance in one statement, oldest first, never more per publisher than
     * {@code perPublisher} in flight. Each publisher with pending deliveries is found by a skip scan of the
     * {@code deliveries_pending_by_publisher} index and its oldest due rows are read from that index, so the cost
     * follows the publishers and the rows leased, not the backlog. A row locked by another instance's claim is skipped,
     * and the conditions are re-checked under the row lock, so two instances never lease the same row.
     */
    List<Delivery> claimDue(int limit, int perPublisher, Duration lease) {
        return jdbc.sql("""
                with recursive pending_publishers(publisher_id) as (
                    (select publisher_id from deliveries where state = 'PENDING' order by publisher_id limit 1)
                    union all
                    select (select d.publisher_id from deliveries d
                            where d.state = 'PENDING' and d.publisher_id > p.publisher_id
                            order by d.publisher_id limit 1)
                    from pending_publishers p where p.publisher_id is not null
                ), in_flight as (
                    select publisher_id, count(*) as busy from deliveries
                    where lease_until is not null and lease_until > now() and state = 'PENDING'
                    group by publisher_id
                ), picked as (
                    select due.id, due.next_attempt_at
                    from pending_publishers p
                    left join in_flight on in_flight.publisher_id = p.publisher_id
                    cross join lateral (
                        select d.id, d.next_attempt_at from deliveries d
                        where d.publisher_id = p.publisher_id and d.state = 'PENDING' and d.next_attempt_at <= now()
                            and (d.lease_until is null or d.lease_until <= now())
                        order by d.next_attempt_at, d.id
                        limit greatest(0, :perPublisher - coalesce(in_flight.busy, 0))
                        for update skip locked
                    ) due
                    where p.publisher_id is not null
                    order by due.next_attempt_at
                    limit :limit
                )
                update deliveries d set lease_until = now() + :leaseMillis * interval '1 millisecond'
                from picked
                where d.id = picked.id and d.state = 'PENDING' and (d.lease_until is null or d.lease_until <= now())
                """ + "returning " + prefixed("d.", DELIVERY_COLUMNS))
            .param("leaseMillis", lease.toMillis())
            .param("perPublisher", perPublisher)
            .param("limit", limit)
            .query(DeliveryQueue::delivery)
            .list();
    }

    /**
     * Logs the attempts of one settlement in one batch, each in the partition of its delivery's arrival: that time is
     * the delivery's own, so an attempt number is unique per delivery whenever the attempt started.
     */
    void recordAttempts(List<SentAttempt> sent) {
        batch.batchUpdate("""
                insert into delivery_attempts (delivery_id, attempt, delivery_received_at, started_at, method, url,
                    outcome, status_code, latency_ms, response_excerpt, error)
                select d.id, :attempt, d.received_at, :startedAt, :method, :url, :outcome, :statusCode, :latency,
                    :excerpt, :error
                from deliveries d where d.id = :id""",
                sent.stream().map(DeliveryQueue::attemptRow).toArray(SqlParameterSource[]::new));
    }

    private static SqlParameterSource attemptRow(SentAttempt sent) {
        PostbackResponse response = sent.response();
        return new MapSqlParameterSource()
            .addValue("id", sent.delivery().id())
            .addValue("attempt", sent.delivery().attempts() + 1)
            .addValue("startedAt", Timestamp.from(sent.startedAt()))
            .addValue("method", sent.request().method())
            .addValue("url", sent.request().uri().toString())
            .addValue("outcome", response.outcome().name())
            .addValue("statusCode", response.statusCode(), Types.INTEGER)
            .addValue("latency", (int) Math.min(Integer.MAX_VALUE, response.latency().toMillis()))
            .addValue("excerpt", response.excerpt(), Types.VARCHAR)
            .addValue("error", response.error(), Types.VARCHAR);
    }

    /**
     * Marks the deliveries delivered in one statement.
     *
     * @return how long each took from its arrival to now, for those that were still pending
     */
    List<Duration> delivered(List<String> ids) {
        if (ids.isEmpty()) {
            return List.of();
        }
        return jdbc.sql("""
                update deliveries set state = 'DELIVERED', attempts = attempts + 1, round_attempts = round_attempts + 1,
                    delivered_at = now(), next_attempt_at = null, lease_until = null, last_error = null
                where id = any(?::text[]) and state = 'PENDING'
                returning (extract(epoch from delivered_at - received_at) * 1000)::bigint as millis""")
            .param(ids.toArray(String[]::new))
            .query((rs, n) -> Duration.ofMillis(rs.getLong("millis")))
            .list();
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

    private static String prefixed(String alias, String columns) {
        return Arrays.stream(columns.split(",")).map(column -> alias + column.strip())
            .collect(Collectors.joining(", "));
    }

    /** A payout about to become a delivery of the publisher it names. */
    record NewDelivery(PayoutDue payout, long publisherId) {

        SqlParameterSource parameters(Duration firstDelay) {
            Tracking tracking = payout.getTracking();
            return new MapSqlParameterSource()
                .addValue("id", payout.getEventId())
                .addValue("publisherId", publisherId)
                .addValue("offerId", payout.getOfferId())
                .addValue("clickId", payout.getClickId(), Types.VARCHAR)
                .addValue("transactionId", payout.getTransactionId(), Types.VARCHAR)
                .addValue("externalOfferId", payout.getExternalOfferId(), Types.VARCHAR)
                .addValue("event", payout.getEvent().name())
                .addValue("status", payout.getStatus().name())
                .addValue("amount", new BigDecimal(payout.getPayout().getAmount()))
                .addValue("currency", payout.getPayout().getCurrency())
                .addValue("source", tracking.getSource(), Types.VARCHAR)
                .addValue("campaign", tracking.getCampaign(), Types.VARCHAR)
                .addValue("sub1", tracking.getSub1(), Types.VARCHAR)
                .addValue("sub2", tracking.getSub2(), Types.VARCHAR)
                .addValue("sub3", tracking.getSub3(), Types.VARCHAR)
                .addValue("sub4", tracking.getSub4(), Types.VARCHAR)
                .addValue("sub5", tracking.getSub5(), Types.VARCHAR)
                .addValue("reverses", payout.getReverses(), Types.VARCHAR)
                .addValue("occurredAt", Timestamp.from(payout.getOccurredAt()))
                .addValue("firstDelayMillis", firstDelay.toMillis());
        }
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
