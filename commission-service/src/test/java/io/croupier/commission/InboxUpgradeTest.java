package io.croupier.commission;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import io.croupier.embedded.InProcessPostgres;
import io.croupier.embedded.TestInfrastructure;
import io.croupier.runtime.inbox.Inbox;
import io.croupier.runtime.partition.PartitionMaintenance;
import io.croupier.runtime.partition.PartitionPeriod;
import io.croupier.runtime.partition.PartitionSettings;
import io.croupier.runtime.partition.TimePartitionedTable;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.configuration.FluentConfiguration;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.jdbc.datasource.DriverManagerDataSource;
import org.springframework.transaction.support.TransactionTemplate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A commission database that ran before the inbox was partitioned (event-runtime's V0_1 and every commission
 * migration up to V81) upgrades with its inbox intact: the partitioned inbox still knows every id applied before,
 * and the partition maintenance then drops only what retention says.
 */
class InboxUpgradeTest {

    private static final String CONSUMER = "commission-service.attributed-conversions";

    @Test
    void anInboxFilledBeforeTheUpgradeKeepsItsIdsAndOnlyExpiredMonthsAreDroppedAfterIt() {
        InProcessPostgres postgres = TestInfrastructure.postgres();
        String schema = "commission_upgrade_" + UUID.randomUUID().toString().substring(0, 8);
        DriverManagerDataSource dataSource = new DriverManagerDataSource(
                postgres.jdbcUrl() + "?currentSchema=" + schema, postgres.username(), postgres.password());
        flyway(dataSource, schema).target("81").load().migrate();
        JdbcClient jdbc = JdbcClient.create(dataSource);
        Instant now = Instant.now();
        record(jdbc, "half-a-year-ago", now.minus(Duration.ofDays(183)));
        record(jdbc, "last-month", now.minus(Duration.ofDays(31)));
        record(jdbc, "today", now);

        flyway(dataSource, schema).load().migrate();
        assertThat(jdbc.sql("select count(*) from processed_events").query(Long.class).single()).isEqualTo(3);
        TransactionTemplate transactions = new TransactionTemplate(new DataSourceTransactionManager(dataSource));
        new PartitionMaintenance(jdbc, transactions,
                List.of(TimePartitionedTable.expiring("processed_events", "processed_at", PartitionPeriod.MONTH, 1,
                        Duration.ofDays(90))),
                new PartitionSettings(Duration.ofHours(1)), Clock.systemUTC())
            .maintain(now);

        assertThat(jdbc.sql("select event_id from processed_events order by processed_at")
            .query(String.class)
            .list()).as("the month of half a year ago is dropped whole").containsExactly("last-month", "today");
        Inbox inbox = new Inbox(jdbc);
        Set<String> fresh = transactions.execute(
                status -> inbox.firstDeliveries(CONSUMER, List.of("last-month", "today", "new")));
        assertThat(fresh).containsExactly("new");
    }

    private static void record(JdbcClient jdbc, String eventId, Instant processedAt) {
        jdbc.sql("insert into processed_events (consumer, event_id, processed_at) values (?, ?, ?)")
            .params(CONSUMER, eventId, Timestamp.from(processedAt))
            .update();
    }

    private static FluentConfiguration flyway(DriverManagerDataSource dataSource, String schema) {
        return Flyway.configure()
            .dataSource(dataSource)
            .schemas(schema)
            .defaultSchema(schema)
            .locations("classpath:db/commission-service", "classpath:db/event-runtime");
    }
}
