package io.croupier.optimizer.performance;

import java.sql.Timestamp;

import io.croupier.events.OfferPerformance;
import io.croupier.runtime.inbox.Inbox;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * Stores each offer's per-window funnel counts. A window's later revision replaces the earlier one; a revision that
 * arrives after a newer one (a replay) is ignored, so the table always holds each window's latest counts.
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
                insert into offer_performance
                    (offer_id, window_start, window_end, clicks, registrations, first_deposits, revision, event_id)
                values (:offerId, :windowStart, :windowEnd, :clicks, :registrations, :firstDeposits, :revision,
                        :eventId)
                on conflict (offer_id, window_start) do update
                set window_end = excluded.window_end, clicks = excluded.clicks,
                    registrations = excluded.registrations, first_deposits = excluded.first_deposits,
                    revision = excluded.revision, event_id = excluded.event_id
                where offer_performance.revision <= excluded.revision""")
            .param("offerId", Long.parseLong(performance.getOfferId()))
            .param("windowStart", Timestamp.from(performance.getWindowStart()))
            .param("windowEnd", Timestamp.from(performance.getWindowEnd()))
            .param("clicks", performance.getClicks())
            .param("registrations", performance.getRegistrations())
            .param("firstDeposits", performance.getFirstDeposits())
            .param("revision", revisionOf(performance.getEventId()))
            .param("eventId", performance.getEventId())
            .update();
    }

    /** The event id is {@code performance:<offer id>:<window start millis>:<revision>} (docs/event-flow.md). */
    static long revisionOf(String eventId) {
        int lastColon = eventId.lastIndexOf(':');
        try {
            return Long.parseLong(eventId.substring(lastColon + 1));
        }
        catch (NumberFormatException e) {
            throw new IllegalArgumentException("performance event id without a revision: " + eventId, e);
        }
    }
}
