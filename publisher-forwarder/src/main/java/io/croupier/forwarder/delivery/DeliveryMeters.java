package io.croupier.forwarder.delivery;

import java.time.Duration;

import io.croupier.forwarder.endpoint.AttemptOutcome;
import io.croupier.runtime.metrics.AfterCommit;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The end of the money path as an operator watches it: every attempt by outcome, every delivery that ended (delivered
 * or dead), how long a payout took from its arrival here to the publisher's 2xx, and how many wait. Counted when the
 * attempt's transaction commits.
 */
@Component
class DeliveryMeters {

    private final JdbcClient jdbc;

    private final MeterRegistry meters;

    private final Timer latency;

    DeliveryMeters(JdbcClient jdbc, MeterRegistry meters) {
        this.jdbc = jdbc;
        this.meters = meters;
        this.latency = Timer.builder("croupier.deliveries.latency")
            .description("From a payout's arrival at the forwarder to the publisher's 2xx, retries included")
            .publishPercentileHistogram()
            .maximumExpectedValue(Duration.ofHours(30))
            .register(meters);
        Gauge.builder("croupier.deliveries.pending", this, DeliveryMeters::pending)
            .description("Deliveries not yet delivered nor dead: due now, waiting for a retry, or in flight")
            .register(meters);
        for (AttemptOutcome outcome : AttemptOutcome.values()) {
            attempts(outcome);
        }
        ended("delivered");
        ended("dead");
    }

    void attempted(AttemptOutcome outcome) {
        AfterCommit.run(() -> attempts(outcome).increment());
    }

    void delivered(Duration sinceArrival) {
        AfterCommit.run(() -> {
            ended("delivered").increment();
            latency.record(sinceArrival);
        });
    }

    void dead() {
        AfterCommit.run(() -> ended("dead").increment());
    }

    private Counter attempts(AttemptOutcome outcome) {
        return Counter.builder("croupier.delivery.attempts")
            .description("Postback attempts to publishers, by what became of them")
            .tag("outcome", outcome.name())
            .register(meters);
    }

    private Counter ended(String result) {
        return Counter.builder("croupier.deliveries")
            .description("Deliveries that ended: delivered, or dead after the last attempt or without one")
            .tag("result", result)
            .register(meters);
    }

    private double pending() {
        return jdbc.sql("select count(*) from deliveries where state = 'PENDING'").query(Long.class).single();
    }
}
