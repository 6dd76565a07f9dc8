package io.croupier.attribution.click;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import java.util.SplittableRandom;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import io.croupier.attribution.AttributionServiceTest;
import io.croupier.attribution.click.HistoryDatabase.Partition;
import io.croupier.clickid.ClickId;
import io.croupier.embedded.FreePorts;
import io.croupier.embedded.InProcessPostgres;
import io.croupier.events.Tracking;
import io.croupier.runtime.partition.TimePartitionedTable;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Whether a click's cost grows with the clicks stored. Each of {@code bench.sizes} (by default 1 million and 50
 * million) is a click history of its own, in its own database of one PostgreSQL server, each migrated by the service's
 * Flyway and kept by its {@code PartitionMaintenance} (see {@link ClickHistory} for how the history is written). The
 * calls are timed interleaved, one on each size in turn (the first size alternating), so that every size sees the
 * same load and cache weather of a shared machine: inserting one click, finding one by id, the fallback match, and
 * then retention passes, each dropping one day, beside the row delete of the same day they replaced (rolled back).
 * <p>
 * The server's data directory is {@code bench.directory} (by default {@code target/click-history} of the module),
 * deleted at the end unless {@code -Dbench.keep=true}; a kept directory is reused by the next run, which writes only
 * the days that hold no clicks. See docs/benchmarks.md, "storage at scale", for the command and the figures.
 */
@Tag("benchmark")
@AttributionServiceTest
class ClickHistoryBenchmark {

    private static final long[] SIZES = Arrays.stream(System.getProperty("bench.sizes", "1000000,50000000").split(","))
        .mapToLong(Long::parseLong)
        .toArray();

    private static final int SAMPLES = Integer.getInteger("bench.samples", 2_000);

    private static final int RETENTION_PASSES = Integer.getInteger("bench.retention-passes", 7);

    private static final int WRITERS = Integer.getInteger("bench.writers", 2);

    private static final Path DIRECTORY = Path.of(System.getProperty("bench.directory", "target/click-history"));

    private static final boolean KEEP = Boolean.getBoolean("bench.keep");

    private static final int EXPLAINED = 50;

    /** The pages a plan node found in PostgreSQL's buffers and those it read. */
    private static final Pattern BUFFERS = Pattern.compile("shared(?: hit=(\\d+))?(?: read=(\\d+))?");

    @Autowired
    ApplicationContext service;

    @Autowired
    TimePartitionedTable clicksByDay;

    @Test
    void clickCostsAtEachHistorySize() throws IOException {
        InProcessPostgres server = InProcessPostgres.start(FreePorts.next(), DIRECTORY, true);
        List<History> histories = new ArrayList<>();
        try {
            Instant now = Instant.now();
            for (long size : SIZES) {
                histories.add(write(server, size, now));
            }
            List<String> report = new ArrayList<>();
            histories.forEach(history -> report.add(history.description()));
            report.add("per call, ms: median / p90 / p99 at each size; each size against the first (median, p90, p99)");
            SplittableRandom random = new SplittableRandom(42);
            report.add(time("insert one click", histories, history -> history.database().clicks()
                .insertNew(List.of(fresh(random)))));
            report.add(time("find by id, ULID (its day)", histories, history -> history.database().clicks()
                .find(history.anyClick(random))
                .orElseThrow()));
            report.add(time("find by id, any day (miss)", histories, history -> history.database().clicks()
                .find(missingId(random))));
            report.add(time("fallback match, 1 h", histories, history -> {
                Instant at = anyMinute(now, random);
                history.database().clicks().mostRecent(anyOffer(random), at.minus(Duration.ofHours(1)), at);
            }));
            report.add("what one call reads, as EXPLAIN (ANALYZE, BUFFERS) counts it, mean of %d calls"
                .formatted(EXPLAINED));
            report.add(explained("find by id, ULID (its day)", ClickRepository.IN_ITS_DAY, histories, history -> {
                String id = history.anyClick(random);
                return new Object[] { id, Timestamp.from(ClickId.parse(id).orElseThrow().mintedAt()) };
            }));
            report.add(explained("find by id, any day (miss)", ClickRepository.IN_EVERY_DAY, histories,
                    history -> new Object[] { missingId(random) }));
            report.add(explained("fallback match, 1 h", ClickRepository.MOST_RECENT, histories, history -> {
                Instant at = anyMinute(now, random);
                return new Object[] { anyOffer(random), Timestamp.from(at.minus(Duration.ofHours(1))),
                    Timestamp.from(at) };
            }));
            report.addAll(retentionPasses(histories, now));
            report.forEach(line -> System.out.println("BENCHMARK " + line));
        }
        finally {
            histories.forEach(history -> history.database().close());
            server.close();
            if (!KEEP) {
                delete(DIRECTORY);
            }
        }
    }

    private History write(InProcessPostgres server, long size, Instant now) {
        HistoryDatabase database = HistoryDatabase.open(server, "clicks_" + size, service);
        JdbcClient jdbc = database.jdbc();
        String load = loadAverage();
        long started = System.nanoTime();
        // For the load only: a checkpoint every few hundred MB of WAL would write the pages again and again.
        jdbc.sql("alter system set max_wal_size = '4GB'").update();
        jdbc.sql("select pg_reload_conf()").query().singleRow();
        long written;
        try {
            written = new ClickHistory(database, clicksByDay).write(size, now, WRITERS);
        }
        finally {
            jdbc.sql("alter system reset max_wal_size").update();
            jdbc.sql("select pg_reload_conf()").query().singleRow();
        }
        jdbc.sql("checkpoint").update();
        Duration took = Duration.ofNanos(System.nanoTime() - started);
        long stored = jdbc.sql("""
                select cast(sum(reltuples) as bigint) from pg_class
                 where oid in (select inhrelid from pg_inherits where inhparent = cast('clicks' as regclass))""")
            .query(Long.class)
            .single();
        String disk = jdbc.sql("""
                select pg_size_pretty(sum(pg_total_relation_size(inhrelid))) from pg_inherits
                 where inhparent = cast('clicks' as regclass)""").query(String.class).single();
        List<String> ulids = jdbc.sql("select click_id from clicks tablesample system (?)")
            .param(Math.min(100.0, 100.0 * 4 * SAMPLES / Math.max(1, stored)))
            .query(String.class)
            .list();
        List<String> shuffled = new ArrayList<>(ulids);
        Collections.shuffle(shuffled, new Random(size));
        String description = "about %,d clicks (pg_class.reltuples): wrote %,d in %d s (%,.0f clicks/s, load average %s"
            .formatted(stored, written, took.toSeconds(), written / Math.max(0.001, took.toMillis() / 1000.0), load)
                + " before), %s on disk with indexes".formatted(disk);
        System.out.println("BENCHMARK " + description);
        return new History(size, database, shuffled.subList(0, Math.min(shuffled.size(), 2 * SAMPLES)),
                description);
    }

    /** Times {@code call} on every size in turn, {@code SAMPLES} times each after a quarter as many to warm up. */
    private static String time(String name, List<History> histories, Consumer<History> call) {
        for (int i = 0; i < SAMPLES / 4; i++) {
            histories.forEach(call);
        }
        long[][] nanos = new long[histories.size()][SAMPLES];
        String loadBefore = loadAverage();
        for (int i = 0; i < SAMPLES; i++) {
            for (int turn = 0; turn < histories.size(); turn++) {
                int h = (turn + i) % histories.size();
                long started = System.nanoTime();
                call.accept(histories.get(h));
                nanos[h][i] = System.nanoTime() - started;
            }
        }
        String line = "%-28s".formatted(name) + figures(histories, nanos) + " (load average %s, then %s)"
            .formatted(loadBefore, loadAverage());
        System.out.println("BENCHMARK " + line);
        return line;
    }

    /**
     * The pages one call of {@code sql} reads at each size, found in PostgreSQL's buffers or read from the operating
     * system (its cache or the disk), the partitions it reads, and its planning and execution time, as EXPLAIN
     * (ANALYZE, BUFFERS) counts them: why a figure does or does not grow.
     */
    private static String explained(String name, String sql, List<History> histories,
            Function<History, Object[]> params) {
        StringBuilder line = new StringBuilder("%-28s".formatted(name));
        for (History history : histories) {
            double[] sums = new double[5];
            for (int i = 0; i < EXPLAINED; i++) {
                List<String> plan = history.database().jdbc()
                    .sql("explain (analyze, buffers, costs off, timing off) " + sql)
                    .params(params.apply(history))
                    .query(String.class)
                    .list();
                Matcher buffers = BUFFERS.matcher(plan.stream().filter(l -> l.contains("Buffers:")).findFirst()
                    .orElse(""));
                if (buffers.find()) {
                    sums[0] += buffers.group(1) == null ? 0 : Long.parseLong(buffers.group(1));
                    sums[1] += buffers.group(2) == null ? 0 : Long.parseLong(buffers.group(2));
                }
                sums[2] += plan.stream().filter(l -> l.contains(" on clicks_p") && !l.contains("never executed"))
                    .count();
                sums[3] += milliseconds(plan, "Planning Time: ");
                sums[4] += milliseconds(plan, "Execution Time: ");
            }
            line.append(" | %,d: %.1f pages in buffers, %.1f read, %.1f partitions, planning %.3f ms, execution %.3f ms"
                .formatted(history.size(), sums[0] / EXPLAINED, sums[1] / EXPLAINED, sums[2] / EXPLAINED,
                        sums[3] / EXPLAINED, sums[4] / EXPLAINED));
        }
        System.out.println("BENCHMARK " + line);
        return line.toString();
    }

    private static double milliseconds(List<String> plan, String label) {
        return plan.stream()
            .filter(l -> l.startsWith(label))
            .mapToDouble(l -> Double.parseDouble(l.substring(label.length()).replace(" ms", "")))
            .findFirst()
            .orElse(0);
    }

    /**
     * Retention passes as the service runs them, each as of the day after the previous one, so that each drops the
     * oldest day of every history; before each, the row delete of that day that retention used to do, rolled back,
     * then a checkpoint (untimed), so that the pass starts from what a service's steady writes leave.
     */
    private List<String> retentionPasses(List<History> histories, Instant now) {
        Duration retention = clicksByDay.retention().orElseThrow();
        // The first day of the history holds only part of a day: dropped first, untimed, with the empty days before it.
        Instant partialDayEnd = now.minus(ClickHistory.SPAN).truncatedTo(ChronoUnit.DAYS).plus(Duration.ofDays(1));
        histories.forEach(history -> history.database().partitions().maintain(partialDayEnd.plus(retention)));
        long[][] passes = new long[histories.size()][RETENTION_PASSES];
        long[][] deletes = new long[histories.size()][RETENTION_PASSES];
        long[][] rows = new long[histories.size()][RETENTION_PASSES];
        String loadBefore = loadAverage();
        for (int pass = 0; pass < RETENTION_PASSES; pass++) {
            for (int turn = 0; turn < histories.size(); turn++) {
                int h = (turn + pass) % histories.size();
                HistoryDatabase database = histories.get(h).database();
                Instant expiredBefore = oldestDayEnd(histories.get(h));
                rows[h][pass] = database.jdbc().sql("select count(*) from clicks where occurred_at < ?")
                    .param(Timestamp.from(expiredBefore))
                    .query(Long.class)
                    .single();
                long deleteStarted = System.nanoTime();
                database.transactions().executeWithoutResult(status -> {
                    database.jdbc().sql("delete from clicks where occurred_at < ?")
                        .param(Timestamp.from(expiredBefore))
                        .update();
                    status.setRollbackOnly();
                });
                deletes[h][pass] = System.nanoTime() - deleteStarted;
                // The rolled-back delete leaves its WAL unflushed and the day's pages dirty: the pass's own commit
                // would flush that WAL (a 50 times bigger day, 50 times more of it) and be charged for the reference.
                database.jdbc().sql("checkpoint").update();
                long passStarted = System.nanoTime();
                database.partitions().maintain(expiredBefore.plus(retention));
                passes[h][pass] = System.nanoTime() - passStarted;
                if (oldestDayEnd(histories.get(h)).equals(expiredBefore)) {
                    throw new IllegalStateException("the retention pass kept the expired day of "
                            + histories.get(h).size() + " clicks");
                }
            }
        }
        String load = " (load average %s, then %s)".formatted(loadBefore, loadAverage());
        List<String> lines = new ArrayList<>();
        lines.add("%-28s".formatted("retention pass, drop a day") + figures(histories, passes) + load);
        lines.add("%-28s".formatted("reference: row delete of it") + figures(histories, deletes));
        for (int h = 0; h < histories.size(); h++) {
            lines.add("  %,d clicks: %d passes; the rows of each day dropped %s; pass ms %s; row delete ms %s"
                .formatted(histories.get(h).size(), RETENTION_PASSES, Arrays.toString(rows[h]), millis(passes[h]),
                        millis(deletes[h])));
        }
        lines.forEach(line -> System.out.println("BENCHMARK " + line));
        return lines;
    }

    private Instant oldestDayEnd(History history) {
        return history.database().rangePartitions(clicksByDay.table()).get(0).to();
    }

    private static String figures(List<History> histories, long[][] nanos) {
        long[][] sorted = Stream.of(nanos).map(row -> {
            long[] copy = row.clone();
            Arrays.sort(copy);
            return copy;
        }).toArray(long[][]::new);
        StringBuilder line = new StringBuilder();
        for (int h = 0; h < histories.size(); h++) {
            line.append(" | %,d: %s / %s / %s".formatted(histories.get(h).size(), ms(percentile(sorted[h], 50)),
                    ms(percentile(sorted[h], 90)), ms(percentile(sorted[h], 99))));
        }
        for (int h = 1; h < histories.size(); h++) {
            line.append(" | x%.2f / x%.2f / x%.2f".formatted(ratio(sorted[h], sorted[0], 50),
                    ratio(sorted[h], sorted[0], 90), ratio(sorted[h], sorted[0], 99)));
        }
        return line.toString();
    }

    private static double ratio(long[] sorted, long[] reference, int percentile) {
        return (double) percentile(sorted, percentile) / percentile(reference, percentile);
    }

    /** The nearest-rank percentile of sorted values. */
    private static long percentile(long[] sorted, int percentile) {
        int rank = (int) Math.ceil(percentile / 100.0 * sorted.length);
        return sorted[Math.max(0, rank - 1)];
    }

    private static String ms(long nanos) {
        return "%.3f".formatted(nanos / 1e6);
    }

    private static String millis(long[] nanos) {
        return Arrays.toString(Arrays.stream(nanos).map(n -> Math.round(n / 1e6)).toArray());
    }

    /**
     * An id of another shape than click-service's (seed 004's {@code CLK-789ABC}): found in no day, after probing
     * every day kept, as a casino's own id or a click not stored yet is.
     */
    private static String missingId(SplittableRandom random) {
        return "CLK-" + Long.toString(random.nextLong() >>> 1, 36).toUpperCase();
    }

    private static Instant anyMinute(Instant now, SplittableRandom random) {
        return now.minus(Duration.ofMinutes(random.nextLong(ClickHistory.SPAN.toMinutes())));
    }

    private static String anyOffer(SplittableRandom random) {
        return "OFFER-" + random.nextInt(ClickHistory.OFFERS);
    }

    private static StoredClick fresh(SplittableRandom random) {
        Instant at = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        return new StoredClick(ClickId.mint(at.toEpochMilli(), random).toString(),
                anyOffer(random), "PUB-" + random.nextInt(ClickHistory.PUBLISHERS),
                new Tracking("google", "campaign-7", "kw123", "creative-3", null, null, null), "203.0.113.9",
                "Mozilla/5.0 (X11; Linux x86_64; rv:127.0) Gecko/20100101 Firefox/127.0", null, at);
    }

    private static String loadAverage() {
        try {
            String[] fields = Files.readString(Path.of("/proc/loadavg")).split(" ");
            return fields[0] + " " + fields[1] + " " + fields[2];
        }
        catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void delete(Path directory) throws IOException {
        if (!Files.exists(directory)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(directory)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(path);
            }
        }
    }

    /** One size of history: its database and a sample of its clicks' ids. */
    private record History(long size, HistoryDatabase database, List<String> ulids, String description) {

        String anyClick(SplittableRandom random) {
            return ulids.get(random.nextInt(ulids.size()));
        }
    }
}
