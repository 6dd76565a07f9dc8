package io.croupier.runtime.outbox;

import java.util.ArrayList;
import java.util.List;

import io.croupier.runtime.inbox.Inbox;
import io.croupier.runtime.inbox.InboxSettings;
import io.croupier.runtime.kafka.EventRuntimeSettings;
import io.croupier.runtime.kafka.KafkaWiring;
import io.croupier.runtime.kafka.PollTransactions;
import io.croupier.runtime.metrics.OutboxMeters;
import io.croupier.runtime.partition.PartitionPeriod;
import io.croupier.runtime.partition.TimePartitionedTable;
import org.flywaydb.core.api.Location;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.flyway.autoconfigure.FlywayConfigurationCustomizer;
import org.springframework.boot.jdbc.autoconfigure.DataSourceTransactionManagerAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/** The database side of effectively-once delivery: the inbox, the outbox, its relay and their tables. */
@AutoConfiguration(after = { KafkaWiring.class, DataSourceTransactionManagerAutoConfiguration.class })
@EnableConfigurationProperties(InboxSettings.class)
public class OutboxAndInboxWiring {

    static final String MIGRATIONS = "classpath:db/event-runtime";

    @Bean
    Inbox inbox(JdbcClient jdbc) {
        return new Inbox(jdbc);
    }

    /** The inbox's ids by the month they were applied in, kept as long as a duplicate can arrive, then dropped whole. */
    @Bean
    TimePartitionedTable processedEventsByMonth(InboxSettings settings) {
        return TimePartitionedTable.expiring("processed_events", "processed_at", PartitionPeriod.MONTH,
                settings.monthsAhead(), settings.retention());
    }

    @Bean
    PollTransactions pollTransactions(PlatformTransactionManager transactionManager) {
        return new PollTransactions(new TransactionTemplate(transactionManager));
    }

    @Bean
    OutboxRelay outboxRelay(JdbcClient jdbc, PlatformTransactionManager transactionManager,
            KafkaTemplate<String, byte[]> rawKafkaTemplate, EventRuntimeSettings properties) {
        return new OutboxRelay(jdbc, new TransactionTemplate(transactionManager), rawKafkaTemplate,
                properties.outbox());
    }

    @Bean
    Outbox outbox(JdbcClient jdbc, OutboxRelay outboxRelay) {
        return new Outbox(jdbc, outboxRelay);
    }

    @Bean
    OutboxMeters outboxMeters(JdbcClient jdbc) {
        return new OutboxMeters(jdbc);
    }

    /** Adds the inbox and outbox tables to whatever migrations the service itself declares. */
    @Bean
    FlywayConfigurationCustomizer eventRuntimeMigrations() {
        return configuration -> {
            List<Location> locations = new ArrayList<>(List.of(configuration.getLocations()));
            locations.add(new Location(MIGRATIONS));
            configuration.locations(locations.toArray(Location[]::new));
        };
    }
}
