package io.croupier.runtime.partition;

import java.time.Duration;
import java.util.Optional;

/**
 * A table its migration created {@code partition by range (column)}, with a default partition named
 * {@code <table>_default}, that {@link PartitionMaintenance} keeps. A service declares one bean per such table.
 *
 * @param table the partitioned table, in the service's schema
 * @param column the time column it is partitioned by
 * @param period how much time one partition covers
 * @param ahead how many periods after the current one are made ahead of time
 * @param retention how long rows are kept: a partition that ends before now minus this is dropped whole; empty keeps
 *        everything (the ledger)
 * @param keptWhile a SQL condition on the table's rows: an expired partition holding a row that meets it is kept, and
 *        such a row of the default partition is not deleted (attribution's parked conversions, re-checked until they
 *        are attributed however old); empty when age alone decides
 */
public record TimePartitionedTable(String table, String column, PartitionPeriod period, int ahead,
        Optional<Duration> retention, Optional<String> keptWhile) {

    public TimePartitionedTable {
        if (!table.matches("[a-z_][a-z0-9_]*") || !column.matches("[a-z_][a-z0-9_]*")) {
            throw new IllegalArgumentException("not a plain SQL name: " + table + "." + column);
        }
        if (ahead < 1) {
            throw new IllegalArgumentException("at least the next period must be made ahead, not " + ahead);
        }
    }

    /** A table whose partitions older than {@code retention} are dropped. */
    public static TimePartitionedTable expiring(String table, String column, PartitionPeriod period, int ahead,
            Duration retention) {
        return new TimePartitionedTable(table, column, period, ahead, Optional.of(retention), Optional.empty());
    }

    /**
     * A table whose partitions older than {@code retention} are dropped, unless they still hold a row meeting
     * {@code keptWhile}, which is kept whatever its age.
     */
    public static TimePartitionedTable expiringUnless(String table, String column, PartitionPeriod period, int ahead,
            Duration retention, String keptWhile) {
        return new TimePartitionedTable(table, column, period, ahead, Optional.of(retention), Optional.of(keptWhile));
    }

    /** A table that keeps its whole history, partitioned only for locality. */
    public static TimePartitionedTable keptForever(String table, String column, PartitionPeriod period, int ahead) {
        return new TimePartitionedTable(table, column, period, ahead, Optional.empty(), Optional.empty());
    }

    /** Whether a partition holds a row that keeps it, in SQL; only for a table with a {@link #keptWhile} condition. */
    String holdsKeptRows(String partition) {
        return "exists (select 1 from %s where %s)".formatted(partition, keptWhile.orElseThrow());
    }

    String defaultPartition() {
        return table + "_default";
    }
}
