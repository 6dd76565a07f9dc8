package io.croupier.optimizer.performance;

import java.sql.Timestamp;
import java.util.List;
import java.util.stream.Collectors;

import io.croupier.events.OfferPerformance;
import io.croupier.runtime.inbox.Inbox;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * Stores each offer's per-window funnel counts, with the delays of the window's first deposits after their clicks. A
 * window's later revision replaces the earlier one; a revision that arrives after a newer one (a replay) is ignored, so
 * the table always holds each window's latest counts.
 */
@Component
class PerformanceRecorder {

    static final String CONSUMER = "optimizer-service.offer-performance";

    private final JdbcClient jdbc;

    private final Inbox inbox;

    PerformanceRecorder(JdbcClient jdbc, Inbox inbox) {
        this.jdbc = jdbc;
        this.inbox = inbox;
    }

    @KafkaListener(topics = "#{T(io.croupier.schemas.Topics).OFFER_PERFORMANCE.name()}")
    @Transactional
    void on(OfferPerformance performance) {
        if (!inbox.firstDelivery(CONSUMER, performance.getEventId())) {
            return;
        }
        jdbc.sql("""
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
            .param("offerId", Long.parseLong(performance.getOfferId()))
            .param("windowStart", Timestamp.from(performance.getWindowStart()))
            .param("windowEnd", Timestamp.from(performance.getWindowEnd()))
            .param("clicks", performance.getClicks())
            .param("registrations", performance.getRegistrations())
            .param("firstDeposits", performance.getFirstDeposits())
            .param("delays", arrayLiteral(performance.getFirstDepositDelays()))
            .param("revision", performance.getRevision())
            .param("eventId", performance.getEventId())
            .update();
    }

    private static String arrayLiteral(List<Long> values) {
        return values.stream().map(String::valueOf).collect(Collectors.joining(",", "{", "}"));
    }
}
