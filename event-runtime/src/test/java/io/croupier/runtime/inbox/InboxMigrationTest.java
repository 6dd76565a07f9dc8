package io.croupier.runtime.inbox;

import java.sql.Timestamp;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import io.croupier.embedded.InProcessPostgres;
import io.croupier.embedded.TestInfrastructure;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.configuration.FluentConfiguration;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.jdbc.datasource.DriverManagerDataSource;
import org.springframework.transaction.support.TransactionTemplate;

import static org.assertj.core.api.Assertions.assertThat;

/** An inbox that grew before it was partitioned keeps every id, each in the month it was applied in. */
class InboxMigrationTest {

    @Test
    void everyIdAppliedBeforeIsKeptInItsMonthAndARedeliveryOfItIsStillSkipped() {
        InProcessPostgres postgres = TestInfrastructure.postgres();
        String schema = "inbox_migration_" + UUID.randomUUID().toString().substring(0, 8);
        DriverManagerDataSource dataSource = new DriverManagerDataSource(
                postgres.jdbcUrl() + "?currentSchema=" + schema, postgres.username(), postgres.password());
        flyway(dataSource, schema).target("0.1").load().migrate();
        JdbcClient jdbc = JdbcClient.create(dataSource);
        Instant now = Instant.now();
        record(jdbc, "last-second-of-2025", Instant.parse("2025-12-31T23:59:59Z"));
        record(jdbc, "first-second-of-2026", Instant.parse("2026-01-01T00:00:00Z"));
        record(jdbc, "just-now", now);

        flyway(dataSource, schema).load().migrate();

        assertThat(jdbc.sql("select event_id || ' ' || tableoid::regclass::text from processed_events order by 1")
            .query(String.class)
            .list()).containsExactly("first-second-of-2026 processed_events_p202601",
                    "just-now processed_events_p" + month(YearMonth.now(ZoneOffset.UTC)),
                    "last-second-of-2025 processed_events_p202512");
        assertThat(jdbc.sql("select count(*) from pg_class where relname = 'processed_events_before_partitioning'")
            .query(Long.class)
            .single()).isZero();
        assertThat(jdbc.sql("select relname from pg_class where relnamespace = ?::regnamespace"
                + " and relname like 'processed_events\\_%' and relkind in ('r', 'p') order by relname")
            .param(schema)
            .query(String.class)
            .list()).startsWith("processed_events_default", "processed_events_p202512", "processed_events_p202601")
            .contains("processed_events_p" + month(YearMonth.now(ZoneOffset.UTC).plusMonths(1)));

        Inbox inbox = new Inbox(jdbc);
        TransactionTemplate transactions = new TransactionTemplate(new DataSourceTransactionManager(dataSource));
        Set<String> fresh = transactions.execute(status -> inbox.firstDeliveries("migrated",
                List.of("last-second-of-2025", "first-second-of-2026", "just-now", "new")));
        assertThat(fresh).containsExactly("new");
    }

    private static void record(JdbcClient jdbc, String eventId, Instant processedAt) {
        jdbc.sql("insert into processed_events (consumer, event_id, processed_at) values ('migrated', ?, ?)")
            .params(eventId, Timestamp.from(processedAt))
            .update();
    }

    private static String month(YearMonth month) {
        return DateTimeFormatter.ofPattern("yyyyMM").format(month);
    }

    private static FluentConfiguration flyway(DriverManagerDataSource dataSource, String schema) {
        return Flyway.configure()
            .dataSource(dataSource)
            .schemas(schema)
            .defaultSchema(schema)
            .locations("classpath:db/event-runtime");
    }
}
