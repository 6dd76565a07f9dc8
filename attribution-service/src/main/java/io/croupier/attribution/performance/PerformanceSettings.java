package io.croupier.attribution.performance;

import java.time.Duration;
import java.time.Instant;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * @param window the length of a tumbling window; keep it fixed for the life of a deployment, windows of different
 *     lengths would overlap
 * @param publishInterval how often changed windows are published to the offer-performance topic
 */
@ConfigurationProperties("croupier.attribution.performance")
record PerformanceSettings(@DefaultValue("1m") Duration window, @DefaultValue("5s") Duration publishInterval) {

    PerformanceSettings {
        if (window.isNegative() || window.isZero() || window.toMillis() % 1000 != 0) {
            throw new IllegalArgumentException("the performance window must be a positive whole number of seconds");
        }
    }

    long windowStart(Instant moment) {
        long millis = window.toMillis();
        return Math.floorDiv(moment.toEpochMilli(), millis) * millis;
    }
}
