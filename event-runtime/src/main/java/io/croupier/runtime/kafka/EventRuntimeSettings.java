package io.croupier.runtime.kafka;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How consumers retry and name themselves in their groups, and how the outbox relays.
 *
 * @param retry the bounded back-off before a record goes to its dead-letter topic
 * @param outbox the relay from the outbox table to Kafka
 * @param consumers how this instance's consumers are known to their consumer groups
 */
@ConfigurationProperties("croupier.events")
public record EventRuntimeSettings(@DefaultValue Retry retry, @DefaultValue Outbox outbox,
        @DefaultValue Consumers consumers) {

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

    /**
     * @param instanceId this instance's name in its consumer groups (Kafka's static membership): unique among the
     *        instances of the service, and the same after a restart, so that a restarted instance takes its partitions
     *        back at once. Unset, it is the host name and {@code server.port}; with a port chosen at random there is
     *        no stable name, and the consumers join as dynamic members.
     */
    public record Consumers(String instanceId) {
    }
}
