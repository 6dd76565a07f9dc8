package io.croupier.runtime.partition;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * @param checkInterval how often every instance looks for partitions to make or drop (the first pass runs at start,
 *        before the service takes traffic); the work itself is done by one instance at a time
 */
@ConfigurationProperties("croupier.events.partitions")
public record PartitionSettings(@DefaultValue("1h") Duration checkInterval) {
}
