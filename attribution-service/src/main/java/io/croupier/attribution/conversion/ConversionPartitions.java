package io.croupier.attribution.conversion;

import io.croupier.runtime.partition.PartitionPeriod;
import io.croupier.runtime.partition.TimePartitionedTable;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Conversions are kept in one partition per UTC month of when postback-service received them; a month past the
 * retention is dropped whole, unless it still holds a parked conversion (one still re-checked, which is attributed the
 * day its click or player link arrives, however old), which keeps it until none is left.
 */
@Configuration(proxyBeanMethods = false)
class ConversionPartitions {

    /** Parked: neither attributed nor given up; the same condition as the operators' list of parked conversions. */
    private static final String PARKED = "next_check_at is not null and state <> 'ATTRIBUTED'";

    @Bean
    TimePartitionedTable conversionsByMonth(AttributionSettings settings) {
        return TimePartitionedTable.expiringUnless("conversions", "reported_at", PartitionPeriod.MONTH,
                settings.monthsAhead(), settings.retention(), PARKED);
    }
}
