package io.croupier.attribution.click;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.croupier.attribution.AttributionServiceTest;
import io.croupier.clickid.ClickId;
import io.croupier.embedded.InProcessPostgres;
import io.croupier.embedded.TestInfrastructure;
import io.croupier.runtime.partition.TimePartitionedTable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.SingleConnectionDataSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The benchmark's history writer leaves exactly what the service would have: every click in the partition of its
 * day, each day attached with the indexes and key the service gives a day it makes itself, and clicks like
 * click-service's (a ULID naming the click's own millisecond, spread over the offers and publishers); a day that
 * already holds clicks is kept, so a kept history is reused.
 */
@AttributionServiceTest
class ClickHistoryTest {

    private static final long CLICKS = 6_000;

    @Autowired
    ApplicationContext service;

    @Autowired
    TimePartitionedTable clicksByDay;

    private final InProcessPostgres server = TestInfrastructure.postgres();

    private final String name = "click_history_" + UUID.randomUUID().toString().substring(0, 8);

    private HistoryDatabase database;

    private JdbcClient jdbc;

    @BeforeEach
    void openDatabase() {
        database = HistoryDatabase.open(server, name, service);
        jdbc = database.jdbc();
    }

    @AfterEach
    void dropDatabase() {
        database.close();
        SingleConnectionDataSource connection = new SingleConnectionDataSource(server.jdbcUrl(), server.username(),
                server.password(), true);
        try {
            JdbcClient.create(connection).sql("drop database " + name).update();
        }
        finally {
            connection.destroy();
        }
    }

    @Test
    void writesEveryClickIntoItsDayWithTheServicesIndexesOnce() {
        Instant now = Instant.now();
        ClickHistory history = new ClickHistory(database, clicksByDay);

        long written = history.write(CLICKS, now, 2);

        assertThat(written).isEqualTo(CLICKS);
        assertThat(jdbc.sql("select count(*) from clicks").query(Long.class).single()).isEqualTo(CLICKS);
        assertThat(jdbc.sql("""
                select count(*) from clicks
                 where tableoid <> cast('clicks_p' || to_char(occurred_at at time zone 'UTC', 'YYYYMMDD') as regclass)
                """).query(Long.class).single()).as("clicks outside the partition of their day").isZero();
        assertThat(jdbc.sql("select min(occurred_at), max(occurred_at) from clicks")
            .query((rs, row) -> List.of(rs.getTimestamp(1).toInstant(), rs.getTimestamp(2).toInstant()))
            .single()).allSatisfy(at -> assertThat(at).isBetween(now.minus(ClickHistory.SPAN), now));
        assertThat(jdbc.sql("""
                select count(distinct offer_id), max(cast(substr(offer_id, 7) as int)),
                       count(distinct publisher_id), max(cast(substr(publisher_id, 5) as int)) from clicks""")
            .query((rs, row) -> List.of(rs.getInt(1), rs.getInt(2), rs.getInt(3), rs.getInt(4)))
            .single()).as("offers and publishers spread over OFFER-0.. and PUB-0..").satisfies(spread -> {
                assertThat(spread.get(0)).isBetween(ClickHistory.OFFERS * 9 / 10, ClickHistory.OFFERS);
                assertThat(spread.get(1)).isLessThan(ClickHistory.OFFERS);
                assertThat(spread.get(2)).isBetween(ClickHistory.PUBLISHERS * 9 / 10, ClickHistory.PUBLISHERS);
                assertThat(spread.get(3)).isLessThan(ClickHistory.PUBLISHERS);
            });
        assertThat(jdbc.sql("select click_id, occurred_at from clicks")
            .query((rs, row) -> Map.entry(rs.getString(1), rs.getTimestamp(2).toInstant()))
            .list()).allSatisfy(click -> assertThat(ClickId.parse(click.getKey()).map(ClickId::mintedAt))
                .as(click.getKey()).contains(click.getValue()));
        String someId = jdbc.sql("select click_id from clicks limit 1").query(String.class).single();
        assertThat(database.clicks().find(someId)).map(StoredClick::clickId).contains(someId);

        List<HistoryDatabase.Partition> days = database.rangePartitions(clicksByDay.table());
        HistoryDatabase.Partition madeByTheService = days.get(days.size() - 1);
        assertThat(madeByTheService.from()).as("a day ahead, which the writer leaves as the service made it")
            .isAfter(now);
        List<String> servicesIndexes = indexes(madeByTheService.name());
        assertThat(servicesIndexes).hasSize(3);
        List<String> servicesConstraints = constraints(madeByTheService.name());
        assertThat(servicesConstraints).hasSize(1);
        days.stream().filter(day -> day.from().isBefore(now.truncatedTo(ChronoUnit.DAYS))).forEach(day -> {
            assertThat(indexes(day.name())).as(day.name()).isEqualTo(servicesIndexes);
            assertThat(constraints(day.name())).as("the key, and no bounds check left behind, on " + day.name())
                .isEqualTo(servicesConstraints);
        });

        assertThat(history.write(CLICKS, now, 2)).as("written again: every day already holds clicks").isZero();
        assertThat(jdbc.sql("select count(*) from clicks").query(Long.class).single()).isEqualTo(CLICKS);
    }

    private List<String> constraints(String partition) {
        return jdbc.sql("""
                select replace(conname, ?, 'clicks_pDAY') || ' ' || pg_get_constraintdef(oid) from pg_constraint
                 where conrelid = cast(? as regclass) order by 1""")
            .param(partition)
            .param(partition)
            .query(String.class)
            .list();
    }

    /**
     * The partition's indexes, named for any partition, each with the index of the parent it is attached to and
     * whether it backs the key.
     */
    private List<String> indexes(String partition) {
        return jdbc.sql("""
                select replace(pg_get_indexdef(pg_index.indexrelid), ?, 'clicks_pDAY') || ' of '
                       || inherits.inhparent::regclass || case when pg_index.indisprimary then ' (key)' else '' end
                  from pg_index
                  left join pg_inherits inherits on inherits.inhrelid = pg_index.indexrelid
                 where pg_index.indrelid = cast(? as regclass)
                 order by 1""")
            .param(partition)
            .param(partition)
            .query(String.class)
            .list();
    }
}
