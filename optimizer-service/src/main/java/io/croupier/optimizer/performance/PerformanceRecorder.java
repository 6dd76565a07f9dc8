package io.croupier.optimizer.performance;

import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.stream.Collectors;

import io.croupier.events.OfferPerformance;
import io.croupier.optimizer.thompson.OfferEvidence;
import io.croupier.runtime.inbox.Inbox;
import io.croupier.schemas.Topics;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * Stores each offer's per-window funnel counts, with the delays of the window's first deposits after their clicks. A
 * window's later revision replaces the earlier one; a revision that arrives after a newer one (a replay) is ignored, so
 * the table always holds each window's latest counts. The window's hour is summed again with it, so that a policy
 * reading weeks of history reads hours, not windows.
 */
@Component
class PerformanceRecorder {

    static final String CONSUMER = "optimizer-service.offer-performance";

    /** The length of the hours the default policy reads. */
    private static final Duration HOUR = OfferEvidence.HOUR;

    private final JdbcClient jdbc;

    private final Inbox inbox;

    PerformanceRecorder(JdbcClient jdbc, Inbox inbox) {
        this.jdbc = jdbc;
        this.inbox = inbox;
    }

    @KafkaListener(topics = Topics.Names.OFFER_PERFORMANCE)
    @Transactional
    void on(OfferPerformance performance) {
        if (!inbox.firstDelivery(CONSUMER, performance.getEventId())) {
            return;
        }
        long offerId = Long.parseLong(performance.getOfferId());
        int stored = jdbc.sql("""
                insert into offer_performance (offer_id, window_start, window_end, clicks, registrations,
                    first_deposits, first_deposit_delays, revision, event_id)
                values (:offerId, :windowStart, :windowEnd, :clicks, :registrations, :firstDeposits,
                        cast(:delays as bigint[]), :revision, :eventId)
                on conflict (offer_id, window_start) do update
                set window_end = excluded.window_end, clicks = excluded.clicks,
                    registrations = excluded.registrations, first_deposits = excluded.first_deposits,
                    first_deposit_delays = excluded.first_deposit_delays, revision = excluded.revision,
                    event_id = excluded.event_id
                where offer_performance.revision <= excluded.revision""")
            .param("offerId", offerId)
            .param("windowStart", Timestamp.from(performance.getWindowStart()))
            .param("windowEnd", Timestamp.from(performance.getWindowEnd()))
            .param("clicks", performance.getClicks())
            .param("registrations", performance.getRegistrations())
            .param("firstDeposits", performance.getFirstDeposits())
            .param("delays", arrayLiteral(performance.getFirstDepositDelays()))
            .param("revision", performance.getRevision())
            .param("eventId", performance.getEventId())
            .update();
        if (stored == 1) {
            Instant hour = hourOf(performance.getWindowStart());
            jdbc.sql("""
                    insert into offer_hours (offer_id, hour_start, clicks, first_deposits)
                    select offer_id, cast(:from as timestamptz), sum(clicks), sum(first_deposits)
                    from offer_performance
                    where offer_id = :offerId and window_start >= :from and window_start < :to
                    group by offer_id
                    on conflict (offer_id, hour_start) do update
                    set clicks = excluded.clicks, first_deposits = excluded.first_deposits""")
                .param("offerId", offerId)
                .param("from", Timestamp.from(hour))
                .param("to", Timestamp.from(hour.plus(HOUR)))
                .update();
        }
    }

    private static Instant hourOf(Instant moment) {
        long hour = HOUR.toMillis();
        return Instant.ofEpochMilli(Math.floorDiv(moment.toEpochMilli(), hour) * hour);
    }

    private static String arrayLiteral(List<Long> values) {
        return values.stream().map(String::valueOf).collect(Collectors.joining(",", "{", "}"));
    }
}
