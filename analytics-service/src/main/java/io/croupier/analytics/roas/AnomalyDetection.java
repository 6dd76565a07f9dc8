package io.croupier.analytics.roas;

import java.math.BigDecimal;
import java.util.ArrayList;
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
@Order(40)
class AnomalyDetection implements PipelineStep {

    /**
     * The day's judged rows, each with its baseline: the ROAS of the previous days whose spend reached the minimum
     * of their currency.
     */
    private static final String DAY_WITH_BASELINES = """
            with minimums (currency, min_spend) as (
                select * from unnest(cast(:currencies as text[]), cast(:minimums as numeric[])))
            select t.campaign, t.currency, t.roas, t.spend,
                   coalesce(array_agg(b.roas) filter (where b.roas is not null), '{}') as baseline
            from roas_daily t
            left join minimums m on m.currency = t.currency
            left join roas_daily b
              on b.campaign = t.campaign and b.currency = t.currency and b.day >= :first and b.day < :day
             and b.status = 'OK' and b.spend >= coalesce(m.min_spend, :defaultMinimum)
            where t.day = :day and t.status = 'OK' and t.campaign is not null
            group by t.campaign, t.currency, t.roas, t.spend""";

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
        List<String> currencies = List.copyOf(settings.minSpend().keySet());
        long evaluated = 0;
        long belowMinSpend = 0;
        long shortHistory = 0;
        List<Flag> flags = new ArrayList<>();
        for (Judged row : jdbc.sql(DAY_WITH_BASELINES)
            .param("first", java.sql.Date.valueOf(day.day().minusDays(settings.baselineDays())))
            .param("day", day.date())
            .param("currencies", currencies.toArray(String[]::new))
            .param("minimums", currencies.stream().map(c -> settings.minSpend().get(c).toPlainString())
                .toArray(String[]::new))
            .param("defaultMinimum", settings.defaultMinSpend())
            .query((rs, n) -> new Judged(new CampaignCurrency(rs.getString("campaign"), rs.getString("currency")),
                    rs.getBigDecimal("roas"), rs.getBigDecimal("spend"),
                    List.of((BigDecimal[]) rs.getArray("baseline").getArray())))
            .list()) {
            if (row.spend().compareTo(settings.minSpendIn(row.key().currency())) < 0) {
                belowMinSpend++;
            }
            else if (row.baseline().size() < settings.minBaselineDays()) {
                shortHistory++;
            }
            else {
                evaluated++;
                rule.judge(row.roas(), row.baseline())
                    .ifPresent(verdict -> flags.add(new Flag(row.key(), row.roas(), row.spend(), verdict)));
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

    private record Judged(CampaignCurrency key, BigDecimal roas, BigDecimal spend, List<BigDecimal> baseline) {
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
