package io.croupier.attribution.click;

import io.croupier.runtime.partition.PartitionPeriod;
import io.croupier.runtime.partition.TimePartitionedTable;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Clicks are kept in one partition per UTC day of their time; a day past the retention is dropped whole. */
@Configuration(proxyBeanMethods = false)
class ClickPartitions {

    @Bean
    TimePartitionedTable clicksByDay(ClickSettings settings) {
        return TimePartitionedTable.expiring("clicks", "occurred_at", PartitionPeriod.DAY, settings.daysAhead(),
                settings.retention());
    }
}
