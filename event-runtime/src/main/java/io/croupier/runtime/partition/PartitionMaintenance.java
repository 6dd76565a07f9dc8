package io.croupier.runtime.partition;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.SchedulingConfigurer;
import org.springframework.scheduling.config.FixedDelayTask;
import org.springframework.scheduling.config.ScheduledTaskRegistrar;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Keeps every {@link TimePartitionedTable} of the service: the partition of every period from the retention cutoff
 * (or the current period, for a table kept forever) to {@code ahead} periods after the current one exists, and a
 * partition that ended before the cutoff is dropped whole. Runs before the service takes traffic and then every
 * {@link PartitionSettings#checkInterval()}; instances take turns on an advisory lock per table, so each partition is
 * made or dropped once.
 * <p>
 * A row whose time has no partition (a clock far off, a replay of old history) lands in the table's default partition
 * instead of failing its transaction. Making a partition moves the default's rows of that period into it; rows of the
 * default older than the cutoff are deleted row by row, which stays cheap because the default only ever holds such
 * strays. A table may name rows that are kept whatever their age ({@link TimePartitionedTable#keptWhile()}): an expired
 * partition holding one is kept whole until it holds none, and such rows of the default are not deleted.
 */
public class PartitionMaintenance implements SmartInitializingSingleton, SchedulingConfigurer {

    private static final Logger log = LoggerFactory.getLogger(PartitionMaintenance.class);

    private final JdbcClient jdbc;

    private final TransactionTemplate transactions;

    private final List<TimePartitionedTable> tables;

    private final PartitionSettings settings;

    private final Clock clock;

    public PartitionMaintenance(JdbcClient jdbc, TransactionTemplate transactions, List<TimePartitionedTable> tables,
            PartitionSettings settings, Clock clock) {
        this.jdbc = jdbc;
        this.transactions = transactions;
        this.tables = List.copyOf(tables);
        this.settings = settings;
        this.clock = clock;
    }

    @Override
    public void afterSingletonsInstantiated() {
        maintain(clock.instant());
    }

    @Override
    public void configureTasks(ScheduledTaskRegistrar tasks) {
        tasks.addFixedDelayTask(new FixedDelayTask(this::maintainNow, settings.checkInterval(),
                settings.checkInterval()));
    }

    private void maintainNow() {
        try {
            maintain(clock.instant());
        }
        catch (RuntimeException e) {
            // The next pass retries; the partitions made ahead leave time for it.
            log.warn("Partition maintenance failed, retrying in {}", settings.checkInterval(), e);
        }
    }

    /** Makes the missing partitions and drops the expired ones of every table, as of {@code now}. */
    public void maintain(Instant now) {
        tables.forEach(table -> transactions.executeWithoutResult(status -> maintain(table, now)));
    }

    private void maintain(TimePartitionedTable table, Instant now) {
        jdbc.sql("select pg_advisory_xact_lock(hashtext(current_schema() || '.partitions.' || ?))")
            .param(table.table())
            .query()
            .singleRow();
        // Dropping or attaching a partition locks its parent: rather than queue every writer behind a long reader, give
        // up and retry at the next pass.
        jdbc.sql("set local lock_timeout = '5s'").update();
        PartitionPeriod period = table.period();
        Map<LocalDate, String> existing = existing(table);
        boolean hasDefault = existing.containsValue(table.defaultPartition());
        existing.values().remove(table.defaultPartition());

        LocalDate current = period.start(LocalDate.ofInstant(now, ZoneOffset.UTC));
        LocalDate first = table.retention()
            .map(retention -> period.start(LocalDate.ofInstant(now.minus(retention), ZoneOffset.UTC)))
            .orElse(current);
        LocalDate last = period.plus(current, table.ahead());
        for (LocalDate start = first; !start.isAfter(last); start = period.next(start)) {
            if (!existing.containsKey(start)) {
                create(table, start, hasDefault);
            }
        }
        table.retention().ifPresent(retention -> {
            Instant cutoff = now.minus(retention);
            existing.forEach((start, name) -> {
                if (!period.next(start).atStartOfDay().toInstant(ZoneOffset.UTC).isAfter(cutoff)) {
                    drop(table, name, retention);
                }
            });
            if (hasDefault) {
                String keptRow = table.keptWhile().map(condition -> " and not (" + condition + ")").orElse("");
                jdbc.sql("delete from %s where %s < ?%s".formatted(table.defaultPartition(), table.column(), keptRow))
                    .param(Timestamp.from(cutoff))
                    .update();
            }
        });
    }

    private void drop(TimePartitionedTable table, String name, Duration retention) {
        if (table.keptWhile().isPresent()) {
            // A look without a lock first, so that a partition kept for months is not locked at every pass; then the
            // look again under the lock the drop takes anyway, so that no row can come to meet the condition between
            // the look and the drop.
            if (holdsKeptRows(table, name, retention)) {
                return;
            }
            jdbc.sql("lock table " + name + " in access exclusive mode").update();
            if (holdsKeptRows(table, name, retention)) {
                return;
            }
        }
        jdbc.sql("drop table " + name).update();
        log.info("Dropped {}: all of it is older than the {} retention of {}", name, retention, table.table());
    }

    private boolean holdsKeptRows(TimePartitionedTable table, String name, Duration retention) {
        boolean holds = jdbc.sql("select " + table.holdsKeptRows(name)).query(Boolean.class).single();
        if (holds) {
            log.info("Kept {} past the {} retention of {}: it still holds rows where {}", name, retention,
                    table.table(), table.keptWhile().orElseThrow());
        }
        return holds;
    }

    /** The table's partitions by the start of their period, and its default partition under any key. */
    private Map<LocalDate, String> existing(TimePartitionedTable table) {
        Map<LocalDate, String> partitions = new TreeMap<>();
        jdbc.sql("""
                select child.relname from pg_inherits
                  join pg_class child on child.oid = pg_inherits.inhrelid
                  join pg_class parent on parent.oid = pg_inherits.inhparent
                  join pg_namespace ns on ns.oid = parent.relnamespace
                 where parent.relname = ? and ns.nspname = current_schema()""")
            .param(table.table())
            .query(String.class)
            .list()
            .forEach(name -> {
                if (name.equals(table.defaultPartition())) {
                    partitions.put(LocalDate.MIN, name);
                }
                else {
                    table.period().startOf(table.table(), name).ifPresent(start -> partitions.put(start, name));
                }
            });
        return partitions;
    }

    private void create(TimePartitionedTable table, LocalDate start, boolean hasDefault) {
        String name = table.period().partitionName(table.table(), start);
        String from = PartitionPeriod.timestamp(start);
        String to = PartitionPeriod.timestamp(table.period().next(start));
        String bounds = "for values from ('%s') to ('%s')".formatted(from, to);
        String inDefault = "from %s where %s >= '%s' and %s < '%s'".formatted(table.defaultPartition(),
                table.column(), from, table.column(), to);
        if (!hasDefault || !jdbc.sql("select exists (select 1 " + inDefault + ")").query(Boolean.class).single()) {
            jdbc.sql("create table %s partition of %s %s".formatted(name, table.table(), bounds)).update();
        }
        else {
            // A partition cannot be made for rows the default partition already holds: move them in, then attach.
            jdbc.sql("create table %s (like %s including defaults including constraints)".formatted(name,
                    table.table())).update();
            int moved = jdbc.sql("insert into %s select * %s".formatted(name, inDefault)).update();
            jdbc.sql("delete " + inDefault).update();
            jdbc.sql("alter table %s attach partition %s %s".formatted(table.table(), name, bounds)).update();
            log.info("Moved {} rows of {} out of its default partition", moved, name);
        }
        log.info("Made partition {} of {}", name, table.table());
    }
}
