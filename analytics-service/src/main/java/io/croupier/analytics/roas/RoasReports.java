package io.croupier.analytics.roas;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.croupier.analytics.money.MoneyFormat;
import io.croupier.analytics.pipeline.ComputedByThePipeline;
import io.croupier.analytics.pipeline.PipelineRun;
import io.croupier.analytics.pipeline.PipelineRuns;
import io.croupier.analytics.web.Downloads;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;

/**
 * {@code roas_d1} and {@code roas_anomaly} of a day (yesterday by default), as JSON and as the seed's files
 * {@code roas_d1.json} and {@code roas_anomaly.json}.
 */
@Tag(name = "Analytics reports")
@RestController
class RoasReports {

    private final JdbcClient jdbc;

    private final PipelineRuns runs;

    RoasReports(JdbcClient jdbc, PipelineRuns runs) {
        this.jdbc = jdbc;
        this.runs = runs;
    }

    @ComputedByThePipeline
    @GetMapping("/reports/roas_d1")
    RoasReport roas(@RequestParam(required = false) LocalDate day) {
        PipelineRun run = runs.latestCompleted(runs.dayOrYesterday(day));
        List<CampaignRoas> campaigns = jdbc.sql("""
                select * from roas_daily where day = :day order by campaign nulls last, currency""")
            .param("day", java.sql.Date.valueOf(run.day()))
            .query((rs, n) -> {
                String currency = rs.getString("currency");
                BigDecimal roas = rs.getBigDecimal("roas");
                return new CampaignRoas(rs.getString("campaign"), currency, rs.getLong("purchases"),
                        MoneyFormat.amount(rs.getBigDecimal("gross_revenue"), currency), rs.getLong("chargebacks"),
                        MoneyFormat.amount(rs.getBigDecimal("chargeback_amount"), currency),
                        MoneyFormat.amount(rs.getBigDecimal("net_revenue"), currency),
                        MoneyFormat.amount(rs.getBigDecimal("spend"), currency),
                        roas == null ? null : roas.toPlainString(), rs.getString("status"));
            })
            .list();
        List<RoasCalculation.CurrencyTotal> totals = jdbc.sql("""
                select currency, sum(net_revenue) as net_revenue, sum(spend) as spend from roas_daily
                where day = :day group by currency order by currency""")
            .param("day", java.sql.Date.valueOf(run.day()))
            .query((rs, n) -> RoasCalculation.CurrencyTotal.of(rs.getString("currency"),
                    rs.getBigDecimal("net_revenue"), rs.getBigDecimal("spend")))
            .list();
        return new RoasReport(run.day(), run.runId(), run.finishedAt(), campaigns, totals,
                run.figures().path("roasD1").path("unvaluedChargebacks").asLong());
    }

    @ComputedByThePipeline
    @GetMapping("/reports/roas_d1.json")
    ResponseEntity<RoasReport> roasFile(@RequestParam(required = false) LocalDate day) {
        return Downloads.attachment(roas(day), "roas_d1.json");
    }

    @ComputedByThePipeline
    @GetMapping("/reports/roas_anomaly")
    AnomalyReport anomalies(@RequestParam(required = false) LocalDate day) {
        PipelineRun run = runs.latestCompleted(runs.dayOrYesterday(day));
        List<Anomaly> anomalies = jdbc.sql("""
                select * from roas_anomalies where day = :day order by campaign, currency""")
            .param("day", java.sql.Date.valueOf(run.day()))
            .query((rs, n) -> {
                String currency = rs.getString("currency");
                BigDecimal z = rs.getBigDecimal("robust_z");
                return new Anomaly(rs.getString("campaign"), currency, rs.getBigDecimal("roas").toPlainString(),
                        MoneyFormat.amount(rs.getBigDecimal("spend"), currency),
                        new Baseline(rs.getBigDecimal("baseline_median").toPlainString(),
                                rs.getBigDecimal("baseline_mad").toPlainString(), rs.getInt("baseline_days")),
                        z == null ? null : z.toPlainString(), rs.getString("direction"), rs.getString("reason"));
            })
            .list();
        JsonNode figures = run.figures().path("roasAnomaly");
        return new AnomalyReport(run.day(), run.runId(), run.finishedAt(), figures.path("rule"),
                figures.path("evaluated").asLong(), figures.path("belowMinSpend").asLong(),
                figures.path("shortHistory").asLong(), anomalies);
    }

    @ComputedByThePipeline
    @GetMapping("/reports/roas_anomaly.json")
    ResponseEntity<AnomalyReport> anomaliesFile(@RequestParam(required = false) LocalDate day) {
        return Downloads.attachment(anomalies(day), "roas_anomaly.json");
    }

    /**
     * @param totals per currency, all campaigns' net revenue over all spend
     * @param unvaluedChargebacks chargebacks with no amount and no known purchase, subtracted nowhere
     */
    record RoasReport(LocalDate day, long runId, Instant computedAt, List<CampaignRoas> campaigns,
            List<RoasCalculation.CurrencyTotal> totals, long unvaluedChargebacks) {
    }

    /**
     * @param campaign null for purchases that name no campaign and whose player has none
     * @param netRevenue gross revenue less chargebacks
     * @param roas net revenue ÷ spend, 4 decimals; null unless {@code status} is {@code OK}
     * @param status {@code OK}, {@code NO_SPEND} (no spend in this currency) or {@code ZERO_SPEND}
     */
    @JsonInclude(JsonInclude.Include.ALWAYS)
    record CampaignRoas(String campaign, String currency, long purchases, String grossRevenue, long chargebacks,
            String chargebackAmount, String netRevenue, String spend, String roas, String status) {
    }

    /**
     * @param rule the rule the run applied, with its settings
     * @param evaluated campaigns judged; {@code belowMinSpend} and {@code shortHistory} were not
     */
    record AnomalyReport(LocalDate day, long runId, Instant computedAt, JsonNode rule, long evaluated,
            long belowMinSpend, long shortHistory, List<Anomaly> anomalies) {
    }

    /**
     * @param robustZ (ROAS − median) ÷ (1.4826 × MAD), null when the baseline never varied
     * @param direction {@code DROP} or {@code SPIKE}
     */
    record Anomaly(String campaign, String currency, String roas, String spend, Baseline baseline, String robustZ,
            String direction, String reason) {
    }

    /** The previous days' ROAS the flag is measured against: their median, MAD and how many days. */
    record Baseline(String median, String mad, int days) {
    }
}
