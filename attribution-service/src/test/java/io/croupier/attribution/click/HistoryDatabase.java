package io.croupier.attribution.click;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.zaxxer.hikari.HikariDataSource;
import io.croupier.embedded.InProcessPostgres;
import io.croupier.runtime.partition.PartitionMaintenance;
import io.croupier.runtime.partition.PartitionSettings;
import io.croupier.runtime.partition.TimePartitionedTable;
import org.flywaydb.core.Flyway;
import org.springframework.context.ApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.jdbc.datasource.SingleConnectionDataSource;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * One database of a PostgreSQL server, made as the service makes its own: migrated by the service's Flyway
 * configuration, its partitions kept by a {@link PartitionMaintenance} of the service's tables and settings, its clicks
 * read and written by the service's {@link ClickRepository}, on a pool with the server's durable defaults.
 */
final class HistoryDatabase implements AutoCloseable {

    private static final Pattern BOUNDS = Pattern.compile("FOR VALUES FROM \\('([^']+)'\\) TO \\('([^']+)'\\)");

    private final String url;

    private final InProcessPostgres server;

    private final String schema;

    private final HikariDataSource pool;

    private final JdbcClient jdbc;

    private final ClickRepository clicks;

    private final PartitionMaintenance partitions;

    private final TransactionTemplate transactions;

    private HistoryDatabase(InProcessPostgres server, String url, String schema, HikariDataSource pool,
            PartitionMaintenance partitions) {
        this.server = server;
        this.url = url;
        this.schema = schema;
        this.pool = pool;
        this.jdbc = JdbcClient.create(pool);
        this.clicks = new ClickRepository(jdbc);
        this.partitions = partitions;
        this.transactions = new TransactionTemplate(new DataSourceTransactionManager(pool));
    }

    /**
     * The database {@code name} on {@code server}, made if missing, migrated with the Flyway configuration of the
     * {@code service} running in this application context, and kept with its partitioned tables and settings.
     */
    static HistoryDatabase open(InProcessPostgres server, String name, ApplicationContext service) {
        Flyway serviceFlyway = service.getBean(Flyway.class);
        SingleConnectionDataSource serverConnection = new SingleConnectionDataSource(server.jdbcUrl(),
                server.username(), server.password(), true);
        try {
            JdbcClient serverJdbc = JdbcClient.create(serverConnection);
            if (!serverJdbc.sql("select exists (select 1 from pg_database where datname = ?)")
                .param(name)
                .query(Boolean.class)
                .single()) {
                serverJdbc.sql("create database " + name).update();
            }
        }
        finally {
            serverConnection.destroy();
        }
        String url = "jdbc:postgresql://127.0.0.1:" + server.port() + "/" + name;
        String schema = serviceFlyway.getConfiguration().getDefaultSchema();
        HikariDataSource pool = new HikariDataSource();
        pool.setJdbcUrl(url);
        pool.setUsername(server.username());
        pool.setPassword(server.password());
        pool.setSchema(schema);
        pool.setMaximumPoolSize(2);
        pool.setPoolName(name);
        Flyway.configure().configuration(serviceFlyway.getConfiguration()).dataSource(pool).load().migrate();
        JdbcClient jdbc = JdbcClient.create(pool);
        PartitionMaintenance partitions = new PartitionMaintenance(jdbc,
                new TransactionTemplate(new DataSourceTransactionManager(pool)),
                List.copyOf(service.getBeansOfType(TimePartitionedTable.class).values()),
                service.getBean(PartitionSettings.class), Clock.systemUTC());
        return new HistoryDatabase(server, url, schema, pool, partitions);
    }

    /** The service's clicks repository on this database. */
    ClickRepository clicks() {
        return clicks;
    }

    /** The service's partition maintenance on this database. */
    PartitionMaintenance partitions() {
        return partitions;
    }

    JdbcClient jdbc() {
        return jdbc;
    }

    TransactionTemplate transactions() {
        return transactions;
    }

    /**
     * A connection of its own, outside the pool, for the bulk load: the session settings the load raises never reach
     * the timed calls. Close it after use.
     */
    SingleConnectionDataSource loadConnection() {
        SingleConnectionDataSource connection = new SingleConnectionDataSource(url, server.username(),
                server.password(), true);
        connection.setSchema(schema);
        return connection;
    }

    /** The partitions of {@code table} that cover a range of time, oldest first (not the default partition). */
    List<Partition> rangePartitions(String table) {
        return jdbc.sql("""
                select child.relname, pg_get_expr(child.relpartbound, child.oid) from pg_inherits
                  join pg_class child on child.oid = pg_inherits.inhrelid
                 where pg_inherits.inhparent = cast(? as regclass)""")
            .param(table)
            .query((rs, row) -> partition(rs.getString(1), rs.getString(2)))
            .list()
            .stream()
            .flatMap(List::stream)
            .sorted((a, b) -> a.from().compareTo(b.from()))
            .toList();
    }

    private List<Partition> partition(String name, String bound) {
        Matcher m = BOUNDS.matcher(bound);
        if (!m.matches()) {
            return List.of();
        }
        return List.of(new Partition(name, bound, instant(m.group(1)), instant(m.group(2))));
    }

    private Instant instant(String timestamp) {
        return jdbc.sql("select cast(? as timestamptz)").param(timestamp).query(Timestamp.class).single().toInstant();
    }

    @Override
    public void close() {
        pool.close();
    }

    /**
     * A range partition as the catalogue has it.
     *
     * @param name the partition's table
     * @param bound its bound, as {@code attach partition} takes it
     * @param from the first instant it holds
     * @param to the instant after the last one it holds
     */
    record Partition(String name, String bound, Instant from, Instant to) {
    }
}
