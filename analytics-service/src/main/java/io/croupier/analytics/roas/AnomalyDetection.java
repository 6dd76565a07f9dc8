package io.croupier.analytics.roas;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.croupier.analytics.pipeline.PipelineDay;
import io.croupier.analytics.pipeline.PipelineStep;
import org.springframework.core.annotation.Order;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * {@code roas_anomaly}: every campaign and currency whose ROAS of the day the {@link AnomalyRule} flags against the
 * ROAS the pipeline reported for it on the previous {@code baselineDays} days. Days below the minimum spend are
 * neither judged nor part of a baseline, since a ROAS over a handful of spend is noise; a campaign with fewer than
 * {@code minBaselineDays} baseline days gets no verdict.
 */
@Component
@Order(4)
class AnomalyDetection implements PipelineStep {

    private final JdbcClient jdbc;

    private final AnomalySettings settings;

    private final AnomalyRule rule;

    AnomalyDetection(JdbcClient jdbc, AnomalySettings settings) {
        this.jdbc = jdbc;
        this.settings = settings;
        this.rule = new AnomalyRule(settings.threshold(), settings.minRoasChange());
    }

    @Override
    public String name() {
        return "roasAnomaly";
    }

    @Override
    public Figures run(PipelineDay day) {
        jdbc.sql("delete from roas_anomalies where day = :day").param("day", day.date()).update();
        Map<CampaignCurrency, List<BigDecimal>> baselines = new HashMap<>();
        jdbc.sql("""
                select campaign, currency, roas, spend from roas_daily
                where day >= :first and day < :day and status = 'OK' and campaign is not null
                order by day""")
            .param("first", java.sql.Date.valueOf(day.day().minusDays(settings.baselineDays())))
            .param("day", day.date())
            .query(rs -> {
                String currency = rs.getString("currency");
                if (rs.getBigDecimal("spend").compareTo(settings.minSpendIn(currency)) >= 0) {
                    baselines.computeIfAbsent(new CampaignCurrency(rs.getString("campaign"), currency),
                            key -> new ArrayList<>()).add(rs.getBigDecimal("roas"));
                }
            });
        long evaluated = 0;
        long belowMinSpend = 0;
        long shortHistory = 0;
        long flagged = 0;
        for (Map<String, Object> row : jdbc.sql("""
                select campaign, currency, roas, spend from roas_daily
                where day = :day and status = 'OK' and campaign is not null""")
            .param("day", day.date())
            .query()
            .listOfRows()) {
            CampaignCurrency key = new CampaignCurrency((String) row.get("campaign"), (String) row.get("currency"));
            BigDecimal spend = (BigDecimal) row.get("spend");
            List<BigDecimal> baseline = baselines.getOrDefault(key, List.of());
            if (spend.compareTo(settings.minSpendIn(key.currency())) < 0) {
                belowMinSpend++;
            }
            else if (baseline.size() < settings.minBaselineDays()) {
                shortHistory++;
            }
            else {
                evaluated++;
                Optional<AnomalyRule.Verdict> verdict = rule.judge((BigDecimal) row.get("roas"), baseline);
                if (verdict.isPresent()) {
                    flagged++;
                    record(day, key, (BigDecimal) row.get("roas"), spend, verdict.get());
                }
            }
        }
        return new Figures(rule(), evaluated, flagged, belowMinSpend, shortHistory);
    }

    private Rule rule() {
        return new Rule("median and MAD of the previous days' ROAS", settings.baselineDays(),
                settings.minBaselineDays(), settings.threshold().toPlainString(),
                settings.minRoasChange().toPlainString(), settings.defaultMinSpend().toPlainString(),
                settings.minSpend());
    }

    private void record(PipelineDay day, CampaignCurrency key, BigDecimal roas, BigDecimal spend,
            AnomalyRule.Verdict verdict) {
        jdbc.sql("""
                insert into roas_anomalies (day, campaign, currency, roas, spend, baseline_median, baseline_mad,
                    baseline_days, robust_z, direction, reason, run_id)
                values (:day, :campaign, :currency, :roas, :spend, :median, :mad, :days, :z, :direction, :reason,
                    :runId)""")
            .param("day", day.date())
            .param("campaign", key.campaign())
            .param("currency", key.currency())
            .param("roas", roas)
            .param("spend", spend)
            .param("median", verdict.median())
            .param("mad", verdict.mad())
            .param("days", verdict.baselineDays())
            .param("z", verdict.robustZ())
            .param("direction", verdict.direction())
            .param("reason", verdict.reason())
            .param("runId", day.runId())
            .update();
    }

    private record CampaignCurrency(String campaign, String currency) {
    }

    /**
     * The rule as the run applied it.
     *
     * @param threshold robust standard deviations (1.4826 × MAD) from the median that flag
     * @param minRoasChange the smallest departure from the median that flags
     * @param defaultMinSpend the minimum spend in currencies {@code minSpend} does not list
     */
    record Rule(String method, int baselineDays, int minBaselineDays, String threshold, String minRoasChange,
            String defaultMinSpend, Map<String, BigDecimal> minSpend) {
    }

    /**
     * @param evaluated campaigns judged against their baseline
     * @param flagged of which anomalous
     * @param belowMinSpend campaigns not judged: spend below the minimum
     * @param shortHistory campaigns not judged: too few baseline days
     */
    record Figures(Rule rule, long evaluated, long flagged, long belowMinSpend, long shortHistory) {
    }
}
