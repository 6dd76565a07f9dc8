package io.croupier.analytics.imports;

import java.util.Map;

/**
 * One row of an uploaded file.
 *
 * @param number 1 for the first row after the CSV header, or the first element of the JSON array
 * @param values trimmed values by lower-case column name; empty cells are absent
 * @param readErrors what was wrong with the row before any column was looked at, by column
 */
record InputRow(long number, Map<String, String> values, Map<String, String> readErrors) {
}
