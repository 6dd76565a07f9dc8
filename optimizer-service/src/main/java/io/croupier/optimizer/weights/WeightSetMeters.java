package io.croupier.optimizer.weights;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * {@code croupier.weights.age}: how old the weights click-service routes with are. It saw-tooths with the schedule
 * (6 h by default); a tooth that keeps growing is a recalculation that stopped, and clicks routed on stale results.
 */
@Component
class WeightSetMeters implements MeterBinder {

    private final JdbcClient jdbc;

    WeightSetMeters(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public void bindTo(MeterRegistry registry) {
        Gauge.builder("croupier.weights.age", this, WeightSetMeters::newestAgeSeconds)
            .description("Age of the newest weight set; NaN before the first")
            .baseUnit("seconds")
            .register(registry);
    }

    private double newestAgeSeconds() {
        return jdbc.sql("""
                select extract(epoch from clock_timestamp() - computed_at) from weight_sets
                order by weight_set_id desc limit 1""")
            .query(Double.class)
            .optional()
            .orElse(Double.NaN);
    }
}
