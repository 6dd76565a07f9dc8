package io.croupier.analytics.roas;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

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
        List<Flag> flags = new ArrayList<>();
        for (Map<String, Object> row : jdbc.sql("""
                select campaign, currency, roas, spend from roas_daily
                where day = :day and status = 'OK' and campaign is not null""")
            .param("day", day.date())
            .query()
            .listOfRows()) {
            CampaignCurrency key = new CampaignCurrency((String) row.get("campaign"), (String) row.get("currency"));
            BigDecimal spend = (BigDecimal) row.get("spend");
            BigDecimal roas = (BigDecimal) row.get("roas");
            List<BigDecimal> baseline = baselines.getOrDefault(key, List.of());
            if (spend.compareTo(settings.minSpendIn(key.currency())) < 0) {
                belowMinSpend++;
            }
            else if (baseline.size() < settings.minBaselineDays()) {
                shortHistory++;
            }
            else {
                evaluated++;
                rule.judge(roas, baseline).ifPresent(verdict -> flags.add(new Flag(key, roas, spend, verdict)));
            }
        }
        record(day, flags);
        return new Figures(rule(), evaluated, flags.size(), belowMinSpend, shortHistory);
    }

    /** Every flag of the day in one statement, however many campaigns are flagged. */
    private void record(PipelineDay day, List<Flag> flags) {
        if (flags.isEmpty()) {
            return;
        }
        jdbc.sql("""
                insert into roas_anomalies (day, campaign, currency, roas, spend, baseline_median, baseline_mad,
                    baseline_days, robust_z, direction, reason, run_id)
                select :day, campaign, currency, roas::numeric, spend::numeric, median::numeric, mad::numeric,
                       days::int, z::numeric, direction, reason, :runId
                from unnest(cast(:campaigns as text[]), cast(:currencies as text[]), cast(:roas as text[]),
                            cast(:spends as text[]), cast(:medians as text[]), cast(:mads as text[]),
                            cast(:days as text[]), cast(:zs as text[]), cast(:directions as text[]),
                            cast(:reasons as text[]))
                     as f(campaign, currency, roas, spend, median, mad, days, z, direction, reason)""")
            .param("day", day.date())
            .param("runId", day.runId())
            .param("campaigns", column(flags, flag -> flag.key().campaign()))
            .param("currencies", column(flags, flag -> flag.key().currency()))
            .param("roas", column(flags, flag -> flag.roas().toPlainString()))
            .param("spends", column(flags, flag -> flag.spend().toPlainString()))
            .param("medians", column(flags, flag -> flag.verdict().median().toPlainString()))
            .param("mads", column(flags, flag -> flag.verdict().mad().toPlainString()))
            .param("days", column(flags, flag -> String.valueOf(flag.verdict().baselineDays())))
            .param("zs", column(flags, flag -> flag.verdict().robustZ() == null ? null
                    : flag.verdict().robustZ().toPlainString()))
            .param("directions", column(flags, flag -> flag.verdict().direction()))
            .param("reasons", column(flags, flag -> flag.verdict().reason()))
            .update();
    }

    private static String[] column(List<Flag> flags, Function<Flag, String> value) {
        return flags.stream().map(value).toArray(String[]::new);
    }

    private Rule rule() {
        return new Rule("median and MAD of the previous days' ROAS", settings.baselineDays(),
                settings.minBaselineDays(), settings.threshold().toPlainString(),
                settings.minRoasChange().toPlainString(), settings.defaultMinSpend().toPlainString(),
                settings.minSpend());
    }

    private record CampaignCurrency(String campaign, String currency) {
    }

    private record Flag(CampaignCurrency key, BigDecimal roas, BigDecimal spend, AnomalyRule.Verdict verdict) {
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
