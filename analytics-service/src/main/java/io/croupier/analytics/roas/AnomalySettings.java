package io.croupier.analytics.roas;

import java.math.BigDecimal;
import java.util.Map;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The rule that flags a campaign's ROAS as anomalous (README, ROAS anomalies).
 *
 * @param baselineDays how many days before the day make up a campaign's baseline
 * @param minBaselineDays how many of them must have a ROAS (spend at or above the minimum) for a verdict
 * @param threshold how many robust standard deviations (1.4826 × MAD) from the baseline median count as anomalous
 * @param minRoasChange the smallest departure from the median worth a flag, whatever the spread
 * @param minSpend per currency, the spend below which a day is neither judged nor part of a baseline
 * @param defaultMinSpend the minimum spend in a currency {@code minSpend} does not list
 */
@ConfigurationProperties("croupier.analytics.anomaly")
record AnomalySettings(@DefaultValue("14") int baselineDays, @DefaultValue("7") int minBaselineDays,
        @DefaultValue("3.5") BigDecimal threshold, @DefaultValue("0.10") BigDecimal minRoasChange,
        Map<String, BigDecimal> minSpend, @DefaultValue("100") BigDecimal defaultMinSpend) {

    AnomalySettings {
        minSpend = minSpend == null ? Map.of() : Map.copyOf(minSpend);
    }

    BigDecimal minSpendIn(String currency) {
        return minSpend.getOrDefault(currency, defaultMinSpend);
    }
}
