package io.croupier.attribution;

import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.UUID;
import java.util.stream.Collectors;

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
 * Conversions and player links stored before the ordering migrations keep working after them: a parked conversion
 * gets the order key it was published under, its postback log id, and its waiting order keys; a player whose first
 * deposit was counted has deposited. Clicks stored before the partitioning are moved into their days.
 */
class MigrationsTest {

    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("yyyyMMdd");

    @Test
    void rowsStoredBeforeTheOrderingMigrationsAreCarriedIntoThem() {
        InProcessPostgres postgres = TestInfrastructure.postgres();
        String schema = "attribution_migrations_" + UUID.randomUUID().toString().substring(0, 8);
        DriverManagerDataSource dataSource = new DriverManagerDataSource(postgres.jdbcUrl(), postgres.username(),
                postgres.password());
        flyway(dataSource, schema).target("2").load().migrate();
        JdbcClient jdbc = JdbcClient.create(dataSource);
        jdbc.sql("""
                insert into %s.conversions (event_id, payload, kind, status, offer_id, click_id, player_id, amount,
                    currency, occurred_at, received_at, grace_until, state, reason, next_check_at, checks)
                values ('postback:41', '\\x00', 'DEPOSIT', 'APPROVED', '7', 'clk-1', 'p-1', 10, 'USD', now(), now(),
                    now(), 'PENDING', 'CLICK_NOT_FOUND', now(), 1)""".formatted(schema))
            .update();
        jdbc.sql("""
                insert into %s.player_links (offer_id, player_id, method, linked_by, first_deposit_counted)
                values ('7', 'p-2', 'CLICK_ID', 'postback:40', true)""".formatted(schema))
            .update();

        flyway(dataSource, schema).load().migrate();

        assertThat(jdbc.sql("select order_key from %s.conversions".formatted(schema)).query(String.class).single())
            .as("the key it was published under: the player's").isEqualTo("7:player:p-1");
        assertThat(jdbc.sql("select postback_log_id from %s.conversions".formatted(schema)).query(Long.class).single())
            .isEqualTo(41);
        List<String> waiting = jdbc.sql("select order_key || ' ' || postback_log_id || ' ' || reason from "
                + schema + ".waiting_order_keys order by order_key")
            .query(String.class)
            .list();
        assertThat(waiting).containsExactly("click:clk-1 41 CLICK_NOT_FOUND", "player:7:p-1 41 CLICK_NOT_FOUND");
        assertThat(jdbc.sql("select deposited from %s.player_links".formatted(schema)).query(Boolean.class).single())
            .isTrue();
    }

    @Test
    void clicksStoredBeforeThePartitioningAreEachInTheirDayAndThoseOverAYearOldInTheDefault() {
        InProcessPostgres postgres = TestInfrastructure.postgres();
        String schema = "attribution_migrations_" + UUID.randomUUID().toString().substring(0, 8);
        DriverManagerDataSource dataSource = new DriverManagerDataSource(postgres.jdbcUrl(), postgres.username(),
                postgres.password());
        flyway(dataSource, schema).target("7").load().migrate();
        JdbcClient jdbc = JdbcClient.create(dataSource);
        Instant now = Instant.now();
        Map<String, Instant> clicks = Map.of("five-days-ago", now.minus(Duration.ofDays(5)), "two-days-ago",
                now.minus(Duration.ofDays(2)), "also-two-days-ago", now.minus(Duration.ofDays(2)).minusSeconds(1),
                "years-ago", now.minus(Duration.ofDays(400)));
        clicks.forEach((id, occurredAt) -> jdbc
            .sql("insert into %s.clicks (click_id, offer_id, occurred_at) values (?, '7', ?)".formatted(schema))
            .param(id)
            .param(Timestamp.from(occurredAt))
            .update());

        flyway(dataSource, schema).load().migrate();

        clicks.forEach((id, occurredAt) -> assertThat(jdbc
            .sql("select tableoid::regclass::text from %s.clicks where click_id = ?".formatted(schema))
            .param(id)
            .query(String.class)
            .single()).as(id).isEqualTo(id.equals("years-ago") ? schema + ".clicks_default"
                    : schema + ".clicks_p" + DAY.format(occurredAt.atOffset(ZoneOffset.UTC))));
        List<String> days = jdbc.sql("""
                select child.relname from pg_inherits
                  join pg_class child on child.oid = pg_inherits.inhrelid
                 where pg_inherits.inhparent = '%s.clicks'::regclass and child.relname <> 'clicks_default'
                 order by child.relname""".formatted(schema)).query(String.class).list();
        assertThat(days).as("the days of the last year that have clicks").containsExactlyElementsOf(clicks.values()
            .stream()
            .filter(occurredAt -> occurredAt.isAfter(now.minus(Duration.ofDays(365))))
            .map(occurredAt -> "clicks_p" + DAY.format(occurredAt.atOffset(ZoneOffset.UTC)))
            .collect(Collectors.toCollection(TreeSet::new)));
        assertThat(jdbc.sql("insert into %s.clicks (click_id, offer_id, occurred_at) values (?, '7', ?) "
                .formatted(schema) + "on conflict (click_id, occurred_at) do nothing")
            .param("two-days-ago")
            .param(Timestamp.from(clicks.get("two-days-ago")))
            .update()).as("the same click delivered again").isZero();
    }

    private static FluentConfiguration flyway(DataSource dataSource, String schema) {
        return Flyway.configure()
            .dataSource(dataSource)
            .schemas(schema)
            .defaultSchema(schema)
            .locations("classpath:db/attribution-service");
    }
}
