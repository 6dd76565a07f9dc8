package io.croupier.attribution;

import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.UUID;
import java.util.stream.Collectors;

import javax.sql.DataSource;

import io.croupier.attribution.conversion.V116__Conversions_reported_at_from_their_events;
import io.croupier.embedded.InProcessPostgres;
import io.croupier.embedded.Partitions;
import io.croupier.embedded.TestInfrastructure;
import io.croupier.events.ConversionKind;
import io.croupier.events.ConversionReported;
import io.croupier.schemas.Topics;
import io.croupier.schemas.serde.AvroSingleObjectSerializer;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.configuration.FluentConfiguration;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Conversions and player links stored before the ordering migrations keep working after them: a parked conversion
 * gets the order key it was published under, its postback log id, and its waiting order keys; a player whose first
 * deposit was counted has deposited. Clicks stored before the partitioning are moved into their days, conversions into
 * the month their event was reported in.
 */
class MigrationsTest {

    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("yyyyMMdd");

    private static final DateTimeFormatter MONTH = DateTimeFormatter.ofPattern("yyyyMM");

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
        List<String> days = Partitions.of(jdbc, schema + ".clicks").stream()
            .filter(partition -> !partition.equals("clicks_default"))
            .toList();
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

    @Test
    void conversionsStoredBeforeThePartitioningAreInTheMonthTheirEventWasReportedAndKeepTheirKeys() {
        InProcessPostgres postgres = TestInfrastructure.postgres();
        String schema = "attribution_migrations_" + UUID.randomUUID().toString().substring(0, 8);
        DriverManagerDataSource dataSource = new DriverManagerDataSource(postgres.jdbcUrl(), postgres.username(),
                postgres.password());
        flyway(dataSource, schema).target("80").load().migrate();
        JdbcClient jdbc = JdbcClient.create(dataSource);
        Instant reported = Instant.now().minus(Duration.ofDays(45)).truncatedTo(ChronoUnit.MILLIS);
        ConversionReported event = TestEvents.conversion(ConversionKind.REGISTRATION)
            .setOfferId("7")
            .setClickId("clk-9")
            .setReceivedAt(reported)
            .build();
        storeConversion(jdbc, schema, event.getEventId(),
                new AvroSingleObjectSerializer().serialize(Topics.CONVERSIONS_REPORTED.name(), event),
                reported.plus(Duration.ofDays(3)));
        Instant corruptReceived = Instant.now().minus(Duration.ofDays(2)).truncatedTo(ChronoUnit.MILLIS);
        storeConversion(jdbc, schema, "postback:corrupt", new byte[] { 0 }, corruptReceived);
        long lastSeq = jdbc.sql("select max(seq) from %s.conversions".formatted(schema)).query(Long.class).single();

        flyway(dataSource, schema).load().migrate();

        assertThat(jdbc.sql("""
                select reported_at, tableoid::regclass::text as part from %s.conversions where event_id = ?"""
            .formatted(schema)).param(event.getEventId()).query((rs, n) -> List.of(
                    rs.getTimestamp("reported_at").toInstant().toString(), rs.getString("part"))).single())
            .as("the time postback-service received it, from its event, not the time attribution did")
            .containsExactly(reported.toString(),
                    schema + ".conversions_p" + MONTH.format(reported.atOffset(ZoneOffset.UTC)));
        assertThat(jdbc.sql("select reported_at from %s.conversions where event_id = 'postback:corrupt'"
            .formatted(schema)).query(Timestamp.class).single().toInstant()).isEqualTo(corruptReceived);
        assertThat(jdbc.sql("""
                insert into %s.conversions (event_id, payload, kind, status, occurred_at, reported_at, received_at,
                    grace_until, state, order_key)
                values (?, ?, 'REGISTRATION', 'APPROVED', now(), ?, now(), now(), 'PENDING', '7')
                on conflict (event_id, reported_at) do nothing returning seq""".formatted(schema))
            .param(event.getEventId())
            .param(new byte[] { 0 })
            .param(Timestamp.from(reported))
            .query(Long.class)
            .optional()).as("the same conversion delivered again").isEmpty();
        assertThat(storeConversion(jdbc, schema, "postback:next", new byte[] { 0 }, Instant.now(), ", reported_at"))
            .as("the seq drawn next").isGreaterThan(lastSeq);
    }

    private static long storeConversion(JdbcClient jdbc, String schema, String eventId, byte[] payload,
            Instant receivedAt) {
        return storeConversion(jdbc, schema, eventId, payload, receivedAt, "");
    }

    /** @param reportedAt {@code ", reported_at"} once the column is required: the same time as the received one */
    private static long storeConversion(JdbcClient jdbc, String schema, String eventId, byte[] payload,
            Instant receivedAt, String reportedAt) {
        return jdbc.sql("""
                insert into %1$s.conversions (event_id, payload, kind, status, offer_id, click_id, occurred_at,
                    received_at, grace_until, state, order_key%2$s)
                values (?, ?, 'REGISTRATION', 'APPROVED', '7', 'clk-9', ?, ?, ?, 'ATTRIBUTED', 'clk-9'%3$s)
                returning seq""".formatted(schema, reportedAt, reportedAt.isEmpty() ? "" : ", ?"))
            .param(eventId)
            .param(payload)
            .params(Collections.nCopies(reportedAt.isEmpty() ? 3 : 4, Timestamp.from(receivedAt)))
            .query(Long.class)
            .single();
    }

    private static FluentConfiguration flyway(DataSource dataSource, String schema) {
        return Flyway.configure()
            .dataSource(dataSource)
            .schemas(schema)
            .defaultSchema(schema)
            .locations("classpath:db/attribution-service")
            .javaMigrations(new V116__Conversions_reported_at_from_their_events());
    }
}
