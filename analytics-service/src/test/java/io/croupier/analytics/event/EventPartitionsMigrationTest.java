package io.croupier.analytics.event;

import java.sql.Timestamp;
import java.time.Instant;
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

/** The months the service's own partition job made before keep their events under the shared naming. */
class EventPartitionsMigrationTest {

    @Test
    void monthsMadeBeforeAreRenamedWithTheirEventsAndADefaultPartitionIsAdded() {
        InProcessPostgres postgres = TestInfrastructure.postgres();
        String schema = "analytics_migrations_" + UUID.randomUUID().toString().substring(0, 8);
        DriverManagerDataSource dataSource = new DriverManagerDataSource(postgres.jdbcUrl(), postgres.username(),
                postgres.password());
        flyway(dataSource, schema).target("2").load().migrate();
        JdbcClient jdbc = JdbcClient.create(dataSource);
        jdbc.sql("create table %s.player_events_y2026m01 partition of %s.player_events for values from "
                .formatted(schema, schema) + "('2026-01-01 00:00:00+00') to ('2026-02-01 00:00:00+00')").update();
        jdbc.sql("insert into %s.player_events (player_id, event_type, occurred_at) values ('p-1', 'login', ?)"
                .formatted(schema)).param(Timestamp.from(Instant.parse("2026-01-15T12:00:00Z"))).update();

        flyway(dataSource, schema).load().migrate();

        assertThat(jdbc.sql("select tableoid::regclass::text from %s.player_events".formatted(schema))
            .query(String.class)
            .single()).isEqualTo(schema + ".player_events_p202601");
        assertThat(jdbc.sql("select count(*) from pg_class where relname = 'player_events_default'"
                + " and relnamespace = '%s'::regnamespace".formatted(schema)).query(Long.class).single()).isOne();
    }

    private static FluentConfiguration flyway(DataSource dataSource, String schema) {
        return Flyway.configure()
            .dataSource(dataSource)
            .schemas(schema)
            .defaultSchema(schema)
            .locations("classpath:db/analytics-service");
    }
}
