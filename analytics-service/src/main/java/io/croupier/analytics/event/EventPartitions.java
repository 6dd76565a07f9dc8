package io.croupier.analytics.event;

import io.croupier.runtime.partition.PartitionPeriod;
import io.croupier.runtime.partition.TimePartitionedTable;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Player events are kept in one partition per UTC month of their own time, from the retention horizon to
 * {@link EventSettings#monthsAhead()} months ahead; a month that has fallen entirely out of retention is dropped whole.
 */
@Configuration(proxyBeanMethods = false)
class EventPartitions {

    @Bean
    TimePartitionedTable playerEventsByMonth(EventSettings settings) {
        return TimePartitionedTable.expiring("player_events", "occurred_at", PartitionPeriod.MONTH,
                settings.monthsAhead(), settings.retention());
    }
}
