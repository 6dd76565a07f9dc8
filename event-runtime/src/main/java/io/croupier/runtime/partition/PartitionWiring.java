package io.croupier.runtime.partition;

import java.time.Clock;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.jdbc.autoconfigure.DataSourceTransactionManagerAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.EnableScheduling;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * One {@link PartitionMaintenance} for every {@link TimePartitionedTable} the service declares, on a schedule: every
 * service has at least the inbox's table, so none may depend on remembering {@code @EnableScheduling} itself.
 */
@AutoConfiguration(after = DataSourceTransactionManagerAutoConfiguration.class)
@EnableConfigurationProperties(PartitionSettings.class)
@EnableScheduling
public class PartitionWiring {

    @Bean
    PartitionMaintenance partitionMaintenance(JdbcClient jdbc, PlatformTransactionManager transactionManager,
            ObjectProvider<TimePartitionedTable> tables, PartitionSettings settings, ObjectProvider<Clock> clock) {
        return new PartitionMaintenance(jdbc, new TransactionTemplate(transactionManager), tables.orderedStream()
            .toList(), settings, clock.getIfAvailable(Clock::systemUTC));
    }
}
