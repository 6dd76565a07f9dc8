package io.croupier.runtime.kafka;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How consumers retry and how the outbox relays.
 *
 * @param retry the bounded back-off before a record goes to its dead-letter topic
 * @param outbox the relay from the outbox table to Kafka
 */
@ConfigurationProperties("croupier.events")
public record EventRuntimeProperties(@DefaultValue Retry retry, @DefaultValue Outbox outbox) {

    public record Retry(@DefaultValue("6") int maxRetries, @DefaultValue("200ms") Duration initialInterval,
            @DefaultValue("2.0") double multiplier, @DefaultValue("10s") Duration maxInterval) {
    }

    /**
     * @param pollInterval how often the relay looks for rows it was not woken for (other instances, earlier failures)
     * @param batchSize rows sent per relay transaction
     * @param sendTimeout how long one batch may wait for the broker before the relay backs off and retries
     */
    public record Outbox(@DefaultValue("500ms") Duration pollInterval, @DefaultValue("500") int batchSize,
            @DefaultValue("10s") Duration sendTimeout) {
    }
}
