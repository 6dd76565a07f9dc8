package io.croupier.attribution.click;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import io.croupier.attribution.click.HistoryDatabase.Partition;
import io.croupier.runtime.partition.TimePartitionedTable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.SingleConnectionDataSource;

/**
 * Writes a history of clicks that looks like click-service's traffic into the day partitions of a
 * {@link HistoryDatabase}, fast: set-based SQL ({@code generate_series}) into each day while it is detached and has no
 * index, then its indexes rebuilt from their own definitions and the day attached again with a {@code CHECK} of its
 * bounds, so that the attach neither re-scans it nor builds anything; what the service's migrations and
 * {@code PartitionMaintenance} made (names, indexes, bounds) is exactly what the history ends up in.
 * <p>
 * The clicks are spread evenly at random over the {@link #SPAN} before now, over {@link #OFFERS} offers and
 * {@link #PUBLISHERS} publishers, with ULID ids made from their own millisecond as click-service makes them and every
 * column a real click carries. A day that already holds clicks is kept as it is, so a kept database is reused.
 * Only the load's own connections commit without waiting for the disk and sort with more memory; the server's
 * durable settings are left alone.
 */
final class ClickHistory {

    static final int OFFERS = 1_000;

    static final int PUBLISHERS = 500;

    static final Duration SPAN = Duration.ofDays(89);

    /** Crockford's base32, the alphabet of a ULID (module click-id's {@code ClickId}). */
    private static final String ALPHABET = "'0123456789ABCDEFGHJKMNPQRSTVWXYZ'";

    private static final String[] USER_AGENTS = {
        "Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 "
                + "Mobile/15E148 Safari/604.1",
        "Mozilla/5.0 (Linux; Android 14; SM-S918B) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0.0.0 Mobile "
                + "Safari/537.36",
        "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0.0.0 "
                + "Safari/537.36",
        "Mozilla/5.0 (Macintosh; Intel Mac OS X 14_5) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 "
                + "Safari/605.1.15",
        "Mozilla/5.0 (X11; Linux x86_64; rv:127.0) Gecko/20100101 Firefox/127.0" };

    private final HistoryDatabase database;

    private final TimePartitionedTable table;

    ClickHistory(HistoryDatabase database, TimePartitionedTable table) {
        this.database = database;
        this.table = table;
    }

    /**
     * Writes {@code clicks} clicks spread over the {@link #SPAN} before {@code asOf}, each day's share into its
     * partition unless that day already holds clicks, {@code writers} days at a time.
     *
     * @return the clicks written
     */
    long write(long clicks, Instant asOf, int writers) {
        // Whole milliseconds, as a click's time and its ULID have: the days' shares then add up to the whole span.
        Instant now = asOf.truncatedTo(ChronoUnit.MILLIS);
        dropUnattachedDays();
        database.partitions().maintain(now);
        Instant first = now.minus(SPAN);
        List<Partition> days = database.rangePartitions(table.table())
            .stream()
            .filter(day -> day.to().isAfter(first) && day.from().isBefore(now))
            .toList();
        List<DayLoad> loads = new ArrayList<>();
        long before = 0;
        long spanMillis = SPAN.toMillis();
        long covered = 0;
        for (Partition day : days) {
            Instant from = day.from().isBefore(first) ? first : day.from();
            Instant to = day.to().isAfter(now) ? now : day.to();
            covered += Duration.between(from, to).toMillis();
            // Each day's share rounded down from the running total, so the shares add up to exactly {@code clicks}.
            long upTo = Math.multiplyExact(clicks, covered) / spanMillis;
            if (upTo > before && isEmpty(day)) {
                loads.add(new DayLoad(day, from, to, upTo - before));
            }
            before = upTo;
        }
        ExecutorService pool = Executors.newFixedThreadPool(writers);
        try {
            List<Future<Long>> written = loads.stream().map(load -> pool.submit(() -> write(load))).toList();
            long total = 0;
            for (Future<Long> day : written) {
                total += day.get();
            }
            return total;
        }
        catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while writing the history", e);
        }
        catch (ExecutionException e) {
            throw new IllegalStateException("a day of the history could not be written", e.getCause());
        }
        finally {
            pool.shutdownNow();
        }
    }

    private boolean isEmpty(Partition day) {
        return !database.jdbc().sql("select exists (select 1 from " + day.name() + ")").query(Boolean.class).single();
    }

    /** A day a load stopped half way leaves detached; the service would fail to make its partition again. */
    private void dropUnattachedDays() {
        database.jdbc().sql("""
                select relname from pg_class
                 where relnamespace = cast(current_schema() as regnamespace) and relkind = 'r'
                   and not relispartition and relname like ? || '\\_p%'""")
            .param(table.table())
            .query(String.class)
            .list()
            .forEach(name -> database.jdbc().sql("drop table " + name).update());
    }

    private long write(DayLoad load) {
        long started = System.nanoTime();
        SingleConnectionDataSource connection = database.loadConnection();
        try {
            JdbcClient jdbc = JdbcClient.create(connection);
            jdbc.sql("set synchronous_commit = off").update();
            jdbc.sql("set maintenance_work_mem = '512MB'").update();
            String day = load.day().name();
            jdbc.sql("alter table %s detach partition %s".formatted(table.table(), day)).update();
            // Dropped for the load and made again after it from their own definitions: what the service made.
            List<Rebuild> rebuilds = new ArrayList<>(jdbc.sql("""
                    select format('alter table %s drop constraint %I', conrelid::regclass, conname),
                           format('alter table %s add constraint %I %s', conrelid::regclass, conname,
                                  pg_get_constraintdef(oid))
                      from pg_constraint where conrelid = cast(? as regclass) and contype in ('p', 'u')""")
                .param(day)
                .query((rs, row) -> new Rebuild(rs.getString(1), rs.getString(2)))
                .list());
            rebuilds.addAll(jdbc.sql("""
                    select format('drop index %s', indexrelid::regclass), pg_get_indexdef(indexrelid) from pg_index
                     where indrelid = cast(? as regclass)
                       and not exists (select 1 from pg_constraint where conindid = pg_index.indexrelid)""")
                .param(day)
                .query((rs, row) -> new Rebuild(rs.getString(1), rs.getString(2)))
                .list());
            rebuilds.forEach(rebuild -> jdbc.sql(rebuild.drop()).update());
            long rows = jdbc.sql(insert(day))
                .param("from", load.from().toEpochMilli())
                .param("millis", Duration.between(load.from(), load.to()).toMillis())
                .param("rows", load.rows())
                .update();
            rebuilds.forEach(rebuild -> jdbc.sql(rebuild.create()).update());
            String bounds = day + "_bounds";
            jdbc.sql("alter table %s add constraint %s check (%s >= '%s' and %s < '%s')".formatted(day, bounds,
                    table.column(), load.day().from(), table.column(), load.day().to())).update();
            jdbc.sql("alter table %s attach partition %s %s".formatted(table.table(), day, load.day().bound()))
                .update();
            jdbc.sql("alter table %s drop constraint %s".formatted(day, bounds)).update();
            // Sets the hint bits and visibility map and counts the rows, as a table would have been vacuumed long
            // before a look-up reads it; left to autovacuum, it would run on the big history during the timing.
            jdbc.sql("vacuum (analyze) " + day).update();
            System.out.printf("BENCHMARK wrote %,d clicks into %s in %d s%n", rows, day,
                    Duration.ofNanos(System.nanoTime() - started).toSeconds());
            return rows;
        }
        finally {
            connection.destroy();
        }
    }

    private static String insert(String day) {
        return """
                insert into %s (click_id, offer_id, publisher_id, source, campaign, sub1, sub2, sub3, ip, user_agent,
                                referrer, occurred_at, stored_at)
                select %s, 'OFFER-' || offer, 'PUB-' || publisher,
                       (array['google', 'facebook', 'tiktok', 'email', 'push'])[1 + publisher %% 5],
                       'campaign-' || offer %% 40, 'kw' || floor(random() * 100000)::int,
                       'creative-' || floor(random() * 12)::int, case when random() < 0.2 then 'retarget' end,
                       floor(random() * 223 + 1)::int || '.' || floor(random() * 256)::int || '.'
                           || floor(random() * 256)::int || '.' || floor(random() * 254 + 1)::int,
                       (array[%s])[1 + floor(random() * %d)::int],
                       case when random() < 0.7 then 'https://news-site-' || publisher || '.example/' end,
                       timestamptz 'epoch' + millis * interval '1 ms',
                       timestamptz 'epoch' + (millis + 5 + floor(random() * 200)::int) * interval '1 ms'
                  from (select cast(:from as bigint) + floor(random() * cast(:millis as bigint))::bigint as millis,
                               floor(random() * %d)::int as offer, floor(random() * %d)::int as publisher,
                               floor(random() * 1099511627776)::bigint as high,
                               floor(random() * 1099511627776)::bigint as low
                          from generate_series(1, cast(:rows as bigint))) as click""".formatted(day,
                ulid("millis", "high", "low"),
                IntStream.range(0, USER_AGENTS.length)
                    .mapToObj(i -> "'" + USER_AGENTS[i] + "'")
                    .collect(Collectors.joining(", ")),
                USER_AGENTS.length, OFFERS, PUBLISHERS);
    }

    /**
     * A ULID as SQL: 48 bits of {@code millis} in 10 characters (3 bits, then 9 times 5), then the 80 random bits of
     * {@code high} and {@code low} (40 bits each) in 8 characters each.
     */
    private static String ulid(String millis, String high, String low) {
        List<String> characters = new ArrayList<>();
        for (int shift = 45; shift >= 0; shift -= 5) {
            characters.add(character(millis, shift));
        }
        for (String random : List.of(high, low)) {
            for (int shift = 35; shift >= 0; shift -= 5) {
                characters.add(character(random, shift));
            }
        }
        return String.join(" || ", characters);
    }

    private static String character(String bits, int shift) {
        return "substr(%s, cast((%s >> %d) & 31 as int) + 1, 1)".formatted(ALPHABET, bits, shift);
    }

    private record DayLoad(Partition day, Instant from, Instant to, long rows) {
    }

    private record Rebuild(String drop, String create) {
    }
}
