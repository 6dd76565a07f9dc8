package io.croupier.postback.log;

import io.croupier.runtime.partition.PartitionPeriod;
import io.croupier.runtime.partition.TimePartitionedTable;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The postback log is kept in one partition per UTC month of its calls; a month past the retention is dropped whole.
 * Months, not days: a look-up by log id alone (the log page, a repeat's original, a signed resend's first call) cannot
 * be pruned by time and probes the primary key of every partition kept, so few partitions keep it cheap.
 */
@Configuration(proxyBeanMethods = false)
class PostbackLogPartitions {

    @Bean
    TimePartitionedTable postbackLogsByMonth(PostbackLogSettings settings) {
        return TimePartitionedTable.expiring("postback_logs", "received_at", PartitionPeriod.MONTH,
                settings.monthsAhead(), settings.retention());
    }
}
