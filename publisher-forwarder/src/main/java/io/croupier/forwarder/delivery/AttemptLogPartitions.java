package io.croupier.forwarder.delivery;

import io.croupier.forwarder.ForwarderSettings;
import io.croupier.runtime.partition.PartitionPeriod;
import io.croupier.runtime.partition.TimePartitionedTable;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The attempt log is kept in one partition per UTC day of its deliveries' arrival; a day past the retention is dropped
 * whole. By the delivery's arrival, not the attempt's start: that time is one per delivery, so the key stays exactly
 * {@code (delivery_id, attempt)} and a delivery's attempts are read from one partition.
 */
@Configuration(proxyBeanMethods = false)
class AttemptLogPartitions {

    @Bean
    TimePartitionedTable deliveryAttemptsByDeliveryDay(ForwarderSettings settings) {
        return TimePartitionedTable.expiring("delivery_attempts", "delivery_received_at", PartitionPeriod.DAY,
                settings.attemptLog().daysAhead(), settings.attemptLog().retention());
    }
}
