package io.croupier.analytics.imports;

import java.util.Map;

import com.fasterxml.jackson.annotation.JsonInclude;
import tools.jackson.databind.JsonNode;

/**
 * A row an import did not simply take: {@code rejected} with its errors by column, {@code conflict} (its natural key
 * is stored with other values, which were kept) or {@code replaced} (with {@code onConflict=replace}), each with the
 * columns that differ.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
record RowProblem(long row, String status, JsonNode key, Map<String, String> errors, Map<String, Change> changes) {

    static RowProblem rejected(long row, Map<String, String> errors) {
        return new RowProblem(row, "rejected", null, errors, null);
    }

    /** A column's stored value and the file's, as JSON values. */
    record Change(JsonNode stored, JsonNode imported) {
    }
}
