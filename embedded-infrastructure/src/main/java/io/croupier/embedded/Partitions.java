package io.croupier.embedded;

import java.util.List;

import org.springframework.jdbc.core.simple.JdbcClient;

/** A partitioned table's partitions as PostgreSQL's catalogue lists them, for the tests that watch them come and go. */
public final class Partitions {

    private Partitions() {
    }

    /**
     * The names of {@code table}'s partitions, its default partition included, in name order.
     *
     * @param table the partitioned table as SQL names it, with its schema or found on the search path
     */
    public static List<String> of(JdbcClient jdbc, String table) {
        return jdbc.sql("""
                select child.relname from pg_inherits
                  join pg_class child on child.oid = pg_inherits.inhrelid
                 where pg_inherits.inhparent = cast(? as regclass)
                 order by child.relname""")
            .param(table)
            .query(String.class)
            .list();
    }
}
