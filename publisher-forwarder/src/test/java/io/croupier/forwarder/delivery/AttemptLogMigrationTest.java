package io.croupier.forwarder.delivery;

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
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Attempts logged before the attempt log was partitioned are each in the day of their delivery's arrival (or, over a
 * year old, in the default), and an attempt number stays unique per delivery after it.
 */
class AttemptLogMigrationTest {

    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("yyyyMMdd");

    @Test
    void attemptsLoggedBeforeThePartitioningAreEachInTheirDeliverysDay() {
        InProcessPostgres postgres = TestInfrastructure.postgres();
        String schema = "forwarder_migrations_" + UUID.randomUUID().toString().substring(0, 8);
        DataSource dataSource = new DriverManagerDataSource(postgres.jdbcUrl(), postgres.username(),
                postgres.password());
        flyway(dataSource, schema).target("90").load().migrate();
        JdbcClient jdbc = JdbcClient.create(dataSource);
        Instant recent = Instant.now().minus(Duration.ofDays(6));
        Instant yearsAgo = Instant.now().minus(Duration.ofDays(800));
        delivery(jdbc, schema, "recent", recent);
        delivery(jdbc, schema, "years-ago", yearsAgo);
        attempt(jdbc, schema, "recent", 1, "", recent.plusSeconds(1));
        attempt(jdbc, schema, "recent", 2, "", recent.plus(Duration.ofDays(2)));
        attempt(jdbc, schema, "years-ago", 1, "", yearsAgo.plusSeconds(1));

        flyway(dataSource, schema).load().migrate();

        assertThat(jdbc.sql("""
                select tableoid::regclass::text from %s.delivery_attempts where delivery_id = 'recent'"""
            .formatted(schema)).query(String.class).list()).as("both attempts, though started on different days")
            .containsExactly(schema + ".delivery_attempts_p" + DAY.format(recent.atOffset(ZoneOffset.UTC)),
                    schema + ".delivery_attempts_p" + DAY.format(recent.atOffset(ZoneOffset.UTC)));
        assertThat(jdbc.sql("""
                select tableoid::regclass::text from %s.delivery_attempts where delivery_id = 'years-ago'"""
            .formatted(schema)).query(String.class).single()).isEqualTo(schema + ".delivery_attempts_default");
        assertThatThrownBy(() -> attempt(jdbc, schema, "recent", 2, ", delivery_received_at",
                Instant.now())).isInstanceOf(DuplicateKeyException.class);
    }

    private static void delivery(JdbcClient jdbc, String schema, String id, Instant receivedAt) {
        jdbc.sql("""
                insert into %s.deliveries (id, publisher_id, offer_id, event, status, payout_amount, payout_currency,
                    occurred_at, state, received_at)
                values (?, 1, '7', 'CONVERSION', 'APPROVED', 4, 'USD', ?, 'DELIVERED', ?)""".formatted(schema))
            .param(id)
            .param(Timestamp.from(receivedAt))
            .param(Timestamp.from(receivedAt))
            .update();
    }

    /** @param arrival {@code ", delivery_received_at"} once the column exists, taken from the delivery */
    private static void attempt(JdbcClient jdbc, String schema, String deliveryId, int attempt, String arrival,
            Instant startedAt) {
        jdbc.sql("""
                insert into %1$s.delivery_attempts (delivery_id, attempt, started_at, method, url, outcome,
                    latency_ms%2$s)
                select id, ?, ?, 'GET', 'http://publisher.example/pb', 'DELIVERED', 3%3$s
                  from %1$s.deliveries where id = ?""".formatted(schema, arrival, arrival.isEmpty() ? ""
                        : ", received_at"))
            .param(attempt)
            .param(Timestamp.from(startedAt))
            .param(deliveryId)
            .update();
    }

    private static FluentConfiguration flyway(DataSource dataSource, String schema) {
        return Flyway.configure()
            .dataSource(dataSource)
            .schemas(schema)
            .defaultSchema(schema)
            .locations("classpath:db/publisher-forwarder");
    }
}
