package io.croupier.forwarder.delivery;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

import io.croupier.forwarder.ForwarderSettings;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

/** When each attempt of a delivery is due: a fixed exponential-ish ladder with jitter, so retries spread out. */
@Component
class RetrySchedule {

    private final List<Duration> delays;

    private final double jitter;

    @Autowired
    RetrySchedule(ForwarderSettings properties) {
        this(properties.delivery().schedule(), properties.delivery().jitter());
    }

    RetrySchedule(List<Duration> delays, double jitter) {
        if (delays.isEmpty()) {
            throw new IllegalArgumentException("croupier.forwarder.delivery.schedule needs at least one attempt");
        }
        this.delays = List.copyOf(delays);
        this.jitter = jitter;
    }

    /** Attempts in one round; after the last one fails the delivery is a dead letter. */
    int attempts() {
        return delays.size();
    }

    /** @param attemptIndex 0 for the first attempt of a round */
    Duration delayBefore(int attemptIndex) {
        Duration base = delays.get(attemptIndex);
        if (base.isZero() || jitter <= 0) {
            return base;
        }
        double factor = 1 + jitter * (2 * ThreadLocalRandom.current().nextDouble() - 1);
        return Duration.ofMillis(Math.round(base.toMillis() * factor));
    }
}
