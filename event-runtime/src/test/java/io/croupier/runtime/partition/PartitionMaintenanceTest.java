package io.croupier.runtime.partition;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import io.croupier.embedded.EmbeddedInfrastructureInitializer;
import io.croupier.embedded.Partitions;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.ContextConfiguration;
import org.springframework.transaction.support.TransactionTemplate;

import static org.assertj.core.api.Assertions.assertThat;

/** Partitions made ahead, only expired ones dropped, and rows without a partition kept, in the real PostgreSQL. */
@SpringBootTest
@ContextConfiguration(initializers = EmbeddedInfrastructureInitializer.class)
class PartitionMaintenanceTest {

    @Autowired
    JdbcClient jdbc;

    @Autowired
    TransactionTemplate transactions;

    @Test
    void makesEveryPartitionFromTheRetentionCutoffToTheConfiguredHorizon() {
        String table = partitionedTable();
        maintenance(TimePartitionedTable.expiring(table, "occurred_at", PartitionPeriod.DAY, 2, Duration.ofDays(3)))
            .maintain(Instant.parse("2026-03-10T12:00:00Z"));

        // The cutoff, 03-07 12:00, falls inside 03-07: that day is made too.
        assertThat(partitions(table)).containsExactly(table + "_default", table + "_p20260307", table + "_p20260308",
                table + "_p20260309", table + "_p20260310", table + "_p20260311", table + "_p20260312");
    }

    @Test
    void dropsOnlyPartitionsThatEndedBeforeTheCutoffAndLeavesTheRestUntouched() {
        String table = partitionedTable();
        PartitionMaintenance maintenance = maintenance(
                TimePartitionedTable.expiring(table, "occurred_at", PartitionPeriod.DAY, 2, Duration.ofDays(3)));
        maintenance.maintain(Instant.parse("2026-03-01T12:00:00Z"));
        insert(table, "expired", "2026-02-26T23:59:59Z");
        insert(table, "straddling-older-than-cutoff", "2026-02-27T01:00:00Z");
        insert(table, "straddling-within", "2026-02-27T18:00:00Z");
        insert(table, "within", "2026-02-28T10:00:00Z");

        maintenance.maintain(Instant.parse("2026-03-02T12:00:00Z"));

        assertThat(partitions(table)).doesNotContain(table + "_p20260226")
            .contains(table + "_p20260227", table + "_p20260304");
        assertThat(ids(table)).containsExactly("straddling-older-than-cutoff", "straddling-within", "within");
    }

    @Test
    void aRowForATimeWithoutPartitionLandsInTheDefaultAndMovesIntoItsPartitionOnceMade() {
        String table = partitionedTable();
        PartitionMaintenance maintenance = maintenance(
                TimePartitionedTable.expiring(table, "occurred_at", PartitionPeriod.DAY, 2, Duration.ofDays(3)));
        maintenance.maintain(Instant.parse("2026-03-01T12:00:00Z"));
        insert(table, "early", "2026-03-20T08:00:00Z");
        insert(table, "replayed-history", "2026-01-05T08:00:00Z");
        assertThat(partitionOf(table, "early")).isEqualTo(table + "_default");

        maintenance.maintain(Instant.parse("2026-03-19T12:00:00Z"));

        assertThat(partitionOf(table, "early")).isEqualTo(table + "_p20260320");
        assertThat(ids(table)).containsExactly("early");
        // The moved partition enforces the table's key like one made empty.
        assertThat(jdbc.sql("insert into " + table + " values (?, ?) on conflict do nothing")
            .param("early")
            .param(Timestamp.from(Instant.parse("2026-03-20T08:00:00Z")))
            .update()).isZero();
    }

    @Test
    void aTableKeptForeverIsNeverDropped() {
        String table = partitionedTable();
        PartitionMaintenance maintenance = maintenance(
                TimePartitionedTable.keptForever(table, "occurred_at", PartitionPeriod.MONTH, 1));
        maintenance.maintain(Instant.parse("2024-01-15T00:00:00Z"));
        insert(table, "old-money", "2024-01-20T00:00:00Z");

        maintenance.maintain(Instant.parse("2026-06-15T00:00:00Z"));

        assertThat(partitions(table)).contains(table + "_p202401", table + "_p202402", table + "_p202606",
                table + "_p202607");
        assertThat(ids(table)).containsExactly("old-money");
    }

    @Test
    void anExpiredPartitionStillHoldingARowThatMustBeKeptIsKeptUntilItHoldsNone() {
        String table = partitionedTable();
        PartitionMaintenance maintenance = maintenance(TimePartitionedTable.expiringUnless(table, "occurred_at",
                PartitionPeriod.DAY, 2, Duration.ofDays(3), "id like 'parked%'"));
        maintenance.maintain(Instant.parse("2026-03-01T12:00:00Z"));
        insert(table, "parked-old", "2026-02-26T10:00:00Z");
        insert(table, "settled-beside-it", "2026-02-26T11:00:00Z");
        insert(table, "settled-alone", "2026-02-27T10:00:00Z");
        insert(table, "parked-stray", "2026-01-05T08:00:00Z");
        insert(table, "settled-stray", "2026-01-05T09:00:00Z");

        maintenance.maintain(Instant.parse("2026-03-05T12:00:00Z"));

        assertThat(partitions(table)).contains(table + "_p20260226").doesNotContain(table + "_p20260227");
        assertThat(ids(table)).containsExactly("parked-old", "parked-stray", "settled-beside-it");

        jdbc.sql("update " + table + " set id = 'settled-at-last' where id = 'parked-old'").update();
        maintenance.maintain(Instant.parse("2026-03-05T13:00:00Z"));

        assertThat(partitions(table)).doesNotContain(table + "_p20260226");
        assertThat(ids(table)).containsExactly("parked-stray");
    }

    private PartitionMaintenance maintenance(TimePartitionedTable table) {
        return new PartitionMaintenance(jdbc, transactions, List.of(table), new PartitionSettings(Duration.ofHours(1)),
                Clock.systemUTC());
    }

    private String partitionedTable() {
        String table = "events_" + UUID.randomUUID().toString().substring(0, 8);
        jdbc.sql("create table " + table
                + " (id text not null, occurred_at timestamptz not null, primary key (id, occurred_at))"
                + " partition by range (occurred_at)").update();
        jdbc.sql("create table " + table + "_default partition of " + table + " default").update();
        return table;
    }

    private void insert(String table, String id, String occurredAt) {
        jdbc.sql("insert into " + table + " values (?, ?)")
            .param(id)
            .param(Timestamp.from(Instant.parse(occurredAt)))
            .update();
    }

    private List<String> ids(String table) {
        return jdbc.sql("select id from " + table + " order by id").query(String.class).list();
    }

    private String partitionOf(String table, String id) {
        return jdbc.sql("select tableoid::regclass::text from " + table + " where id = ?")
            .param(id)
            .query(String.class)
            .single();
    }

    private List<String> partitions(String table) {
        return Partitions.of(jdbc, table);
    }
}
