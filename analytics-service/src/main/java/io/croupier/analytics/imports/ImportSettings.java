package io.croupier.analytics.imports;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * @param maxReportedProblems how many rejected, conflicting or replaced rows an import report lists one by one; the
 *        counts stay exact beyond it
 * @param analyzeAfterRows an import that stores at least this many rows refreshes the table's planner statistics
 *        before it commits, so a pipeline run right after it is planned for the table as it now is
 */
@ConfigurationProperties("croupier.analytics.imports")
record ImportSettings(@DefaultValue("10000") int maxReportedProblems, @DefaultValue("10000") int analyzeAfterRows) {
}
