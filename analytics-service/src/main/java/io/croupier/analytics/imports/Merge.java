package io.croupier.analytics.imports;

import java.util.List;
import java.util.stream.Collectors;

/**
 * The set-based statements that merge the staged rows of an import into the kind's table. Column and table names
 * come from the {@link ImportKind}s, never from a request. The first row of a key in the file stands for the key;
 * every other row of it is compared with what ends up stored.
 */
final class Merge {

    private static final String STAGING = "staged_rows";

    private final String table;

    private final String key;

    private final List<String> values;

    Merge(ImportKind kind) {
        this.table = kind.table();
        this.key = kind.keyColumn();
        this.values = kind.valueColumns();
    }

    String insertFirstOccurrences() {
        String columns = key + ", " + String.join(", ", values) + ", import_id, row_no";
        return """
                insert into %1$s (%2$s)
                select distinct on (%3$s) %2$s from %4$s order by %3$s, row_no
                on conflict (%3$s) do nothing""".formatted(table, columns, key, STAGING);
    }

    /** Replaces stored rows that differ from the file's first row of their key; returns what they were. */
    String replaceChangedRows() {
        return """
                with firsts as (select distinct on (%3$s) * from %4$s order by %3$s, row_no),
                changed as (
                    select f.*, to_jsonb(t)::text as stored, to_jsonb(f)::text as imported, %5$s as changed_columns
                    from firsts f join %1$s t on t.%3$s = f.%3$s
                    where t.import_id <> :importId and %6$s)
                update %1$s set (%2$s, import_id, row_no) = row(%7$s, c.import_id, c.row_no)
                from changed c where %1$s.%3$s = c.%3$s
                returning c.row_no, c.%3$s as natural_key, c.stored, c.imported, c.changed_columns"""
            .formatted(table, String.join(", ", values), key, STAGING, changedColumns("f", "t"),
                    differ("f", "t"), qualified("c"));
    }

    /** {@code own}: rows stored by this import (inserted or replaced); {@code conflicts}: rows unlike the stored. */
    String countOutcomes() {
        return """
                select count(*) filter (where t.import_id = :importId and t.row_no = s.row_no) as own,
                       count(*) filter (where %3$s) as conflicts
                from %4$s s join %1$s t on t.%2$s = s.%2$s""".formatted(table, key, differ("s", "t"), STAGING);
    }

    String listConflicts() {
        return """
                select s.row_no, s.%2$s as natural_key, to_jsonb(t)::text as stored, to_jsonb(s)::text as imported,
                       %3$s as changed_columns
                from %5$s s join %1$s t on t.%2$s = s.%2$s
                where %4$s
                order by s.row_no
                limit :limit""".formatted(table, key, changedColumns("s", "t"), differ("s", "t"), STAGING);
    }

    private String differ(String a, String b) {
        return "(" + qualified(a) + ") is distinct from (" + qualified(b) + ")";
    }

    private String changedColumns(String a, String b) {
        return values.stream()
            .map(column -> "case when %1$s.%3$s is distinct from %2$s.%3$s then '%3$s' end".formatted(a, b, column))
            .collect(Collectors.joining(", ", "array_remove(array[", "]::text[], null)"));
    }

    private String qualified(String alias) {
        return values.stream().map(column -> alias + "." + column).collect(Collectors.joining(", "));
    }
}
