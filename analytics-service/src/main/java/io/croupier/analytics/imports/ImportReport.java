package io.croupier.analytics.imports;

import java.time.Instant;
import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * What an import did with every row: the counts are exact, the problems are listed row by row (up to
 * {@link ImportSettings#maxReportedProblems()}; {@code problemsTruncated} says when there were more).
 *
 * @param rows rows read, header excluded
 * @param inserted rows stored for the first time
 * @param replaced stored rows replaced by this import's values ({@code onConflict=replace})
 * @param unchanged rows identical to what was stored already, by an earlier import or earlier in this file
 * @param conflicts rows whose natural key is stored with other values, which were kept
 * @param rejected rows with errors, not stored
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
record ImportReport(long importId, String kind, String format, String fileName, String onConflict,
        Instant receivedAt, long rows, long inserted, long replaced, long unchanged, long conflicts, long rejected,
        List<RowProblem> problems, boolean problemsTruncated) {
}
