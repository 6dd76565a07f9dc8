package io.croupier.analytics.imports;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * @param maxReportedProblems how many rejected, conflicting or replaced rows an import report lists one by one; the
 *        counts stay exact beyond it
 */
@ConfigurationProperties("croupier.analytics.imports")
record ImportSettings(@DefaultValue("10000") int maxReportedProblems) {
}
