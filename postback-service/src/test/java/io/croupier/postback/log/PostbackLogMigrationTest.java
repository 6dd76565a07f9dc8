package io.croupier.postback.log;

import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.UUID;

import javax.sql.DataSource;

import io.croupier.embedded.InProcessPostgres;
import io.croupier.embedded.TestInfrastructure;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.configuration.FluentConfiguration;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Calls logged before the log was partitioned are each in their month (or, over two years old, in the default), keep
 * their ids, and the ids drawn after go on from the same sequence.
 */
class PostbackLogMigrationTest {

    private static final DateTimeFormatter MONTH = DateTimeFormatter.ofPattern("yyyyMM");

    @Test
    void callsLoggedBeforeThePartitioningKeepTheirIdsInTheirMonthAndNewIdsGoOn() {
        InProcessPostgres postgres = TestInfrastructure.postgres();
        String schema = "postback_migrations_" + UUID.randomUUID().toString().substring(0, 8);
        DataSource dataSource = new DriverManagerDataSource(postgres.jdbcUrl(), postgres.username(),
                postgres.password());
        flyway(dataSource, schema).target("70").load().migrate();
        JdbcClient jdbc = JdbcClient.create(dataSource);
        Instant recent = Instant.now().minus(Duration.ofDays(40));
        Instant yearsAgo = Instant.now().minus(Duration.ofDays(1000));
        long recentId = log(jdbc, schema, recent);
        long oldId = log(jdbc, schema, yearsAgo);

        flyway(dataSource, schema).load().migrate();

        assertThat(partitionOf(jdbc, schema, recentId))
            .isEqualTo(schema + ".postback_logs_p" + MONTH.format(recent.atOffset(ZoneOffset.UTC)));
        assertThat(partitionOf(jdbc, schema, oldId)).isEqualTo(schema + ".postback_logs_default");
        assertThat(log(jdbc, schema, Instant.now())).as("the next id drawn").isGreaterThan(oldId);
        assertThat(jdbc.sql("select count(*) from %s.postback_logs".formatted(schema)).query(Long.class).single())
            .isEqualTo(3);
    }

    private static long log(JdbcClient jdbc, String schema, Instant receivedAt) {
        return jdbc.sql("""
                insert into %s.postback_logs (received_at, method, path, format, outcome)
                values (?, 'GET', '/postback', 'PARTNER_POSTBACK', 'SUCCESS') returning id""".formatted(schema))
            .param(Timestamp.from(receivedAt))
            .query(Long.class)
            .single();
    }

    private static String partitionOf(JdbcClient jdbc, String schema, long id) {
        return jdbc.sql("select tableoid::regclass::text from %s.postback_logs where id = ?".formatted(schema))
            .param(id)
            .query(String.class)
            .single();
    }

    private static FluentConfiguration flyway(DataSource dataSource, String schema) {
        return Flyway.configure()
            .dataSource(dataSource)
            .schemas(schema)
            .defaultSchema(schema)
            .locations("classpath:db/postback-service");
    }
}
