package io.croupier.runtime.metrics;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * How far the outbox relay is behind: rows not yet sent to Kafka, and the age of the oldest. Both stay near zero
 * while the broker is reachable; a growing age is events the rest of the platform has not seen yet. Every instance
 * of a service reports the same table, so dashboards take the maximum per service, not the sum.
 */
public class OutboxMeters implements MeterBinder {

    private final JdbcClient jdbc;

    public OutboxMeters(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public void bindTo(MeterRegistry registry) {
        Gauge.builder("croupier.outbox.backlog", this, OutboxMeters::backlog)
            .description("Outbox rows written but not yet relayed to Kafka")
            .register(registry);
        Gauge.builder("croupier.outbox.age", this, OutboxMeters::oldestAgeSeconds)
            .description("Age of the oldest outbox row not yet relayed, 0 when none waits")
            .baseUnit("seconds")
            .register(registry);
    }

    private double backlog() {
        return jdbc.sql("select count(*) from outbox_events").query(Long.class).single();
    }

    private double oldestAgeSeconds() {
        return jdbc.sql("""
                select coalesce(extract(epoch from clock_timestamp() - min(created_at)), 0) from outbox_events""")
            .query(Double.class)
            .single();
    }
}
