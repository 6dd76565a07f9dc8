package io.croupier.attribution.performance;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;

import io.croupier.events.Money;
import io.croupier.events.OfferPerformance;
import io.croupier.runtime.outbox.Outbox;
import io.croupier.schemas.Topics;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.SchedulingConfigurer;
import org.springframework.scheduling.config.ScheduledTaskRegistrar;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Publishes every window that changed since its last publication with the next revision, carrying the window's full
 * totals, so a consumer replaces its copy of the window and sums across windows. Windows are locked with
 * {@code skip locked}: instances share the work and never publish the same revision twice.
 */
@Component
class PerformancePublisher implements SchedulingConfigurer {

    private static final int BATCH = 500;

    private final JdbcClient jdbc;

    private final Outbox outbox;

    private final TransactionTemplate transactions;

    private final PerformanceSettings settings;

    PerformancePublisher(JdbcClient jdbc, Outbox outbox, TransactionTemplate transactions,
            PerformanceSettings settings) {
        this.jdbc = jdbc;
        this.outbox = outbox;
        this.transactions = transactions;
        this.settings = settings;
    }

    @Override
    public void configureTasks(ScheduledTaskRegistrar tasks) {
        tasks.addFixedDelayTask(this::publishChangedWindows, settings.publishInterval());
    }

    void publishChangedWindows() {
        int published;
        do {
            published = transactions.execute(status -> publishBatch());
        }
        while (published == BATCH);
    }

    private int publishBatch() {
        List<OfferPerformance> windows = jdbc.sql("""
                update performance_windows w
                   set revision = w.revision + 1, dirty = false
                  from (select offer_id, window_start from performance_windows
                         where dirty order by offer_id, window_start limit ? for update skip locked) due
                 where w.offer_id = due.offer_id and w.window_start = due.window_start
                returning w.offer_id, w.window_start, w.window_end, w.clicks, w.registrations, w.first_deposits,
                          w.first_deposit_delays, w.revision""")
            .param(BATCH)
            .query((rs, n) -> OfferPerformance.newBuilder()
                .setOfferId(rs.getString("offer_id"))
                .setWindowStart(rs.getTimestamp("window_start").toInstant())
                .setWindowEnd(rs.getTimestamp("window_end").toInstant())
                .setClicks(rs.getLong("clicks"))
                .setRegistrations(rs.getLong("registrations"))
                .setFirstDeposits(rs.getLong("first_deposits"))
                .setFirstDepositDelays(List.of((Long[]) rs.getArray("first_deposit_delays").getArray()))
                .setRevision(rs.getInt("revision"))
                .setEventId("performance:" + rs.getString("offer_id") + ":"
                        + rs.getTimestamp("window_start").toInstant().toEpochMilli() + ":" + rs.getInt("revision"))
                .build())
            .list();
        for (OfferPerformance window : windows) {
            window.setDepositVolume(depositVolume(window.getOfferId(), window.getWindowStart()));
            outbox.append(Topics.OFFER_PERFORMANCE, window.getOfferId(), window);
        }
        return windows.size();
    }

    private List<Money> depositVolume(String offerId, Instant windowStart) {
        return jdbc.sql("""
                select currency, amount from performance_deposit_volume
                 where offer_id = ? and window_start = ? order by currency""")
            .param(offerId)
            .param(Timestamp.from(windowStart))
            .query((rs, n) -> new Money(rs.getBigDecimal("amount").toPlainString(), rs.getString("currency")))
            .list();
    }
}
