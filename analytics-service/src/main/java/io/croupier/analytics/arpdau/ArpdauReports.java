package io.croupier.analytics.arpdau;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

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

/** {@code arpdau_d1} of a day (yesterday by default), as JSON and as the seed's {@code arpdau_d1.json}. */
@Tag(name = "Analytics reports")
@RestController
class ArpdauReports {

    private final JdbcClient jdbc;

    private final PipelineRuns runs;

    ArpdauReports(JdbcClient jdbc, PipelineRuns runs) {
        this.jdbc = jdbc;
        this.runs = runs;
    }

    @ComputedByThePipeline
    @GetMapping("/reports/arpdau_d1")
    ArpdauReport report(@RequestParam(required = false) LocalDate day) {
        PipelineRun run = runs.latestCompleted(runs.dayOrYesterday(day));
        Map<String, CampaignRows> campaigns = new LinkedHashMap<>();
        jdbc.sql("select * from arpdau_daily where day = :day order by campaign nulls last, currency")
            .param("day", java.sql.Date.valueOf(run.day()))
            .query(rs -> {
                String campaign = rs.getString("campaign");
                long activePlayers = rs.getLong("active_players");
                CampaignRows rows = campaigns.computeIfAbsent(campaign == null ? "" : "campaign:" + campaign,
                        key -> new CampaignRows(campaign, activePlayers));
                String currency = rs.getString("currency");
                if (currency != null) {
                    BigDecimal arpdau = rs.getBigDecimal("arpdau");
                    rows.revenue.add(new Revenue(currency, MoneyFormat.amount(rs.getBigDecimal("net_revenue"),
                            currency), arpdau == null ? null : arpdau.toPlainString()));
                }
            });
        long activePlayers = run.figures().path("arpdauD1").path("activePlayers").asLong();
        List<ArpdauCalculation.CurrencyTotal> totals = jdbc.sql("""
                select currency, sum(net_revenue) as net_revenue from arpdau_daily
                where day = :day and currency is not null group by currency order by currency""")
            .param("day", java.sql.Date.valueOf(run.day()))
            .query((rs, n) -> ArpdauCalculation.CurrencyTotal.of(rs.getString("currency"),
                    rs.getBigDecimal("net_revenue"), activePlayers))
            .list();
        return new ArpdauReport(run.day(), run.runId(), run.finishedAt(), activePlayers, totals,
                campaigns.values().stream().map(CampaignRows::arpdau).toList());
    }

    @ComputedByThePipeline
    @GetMapping("/reports/arpdau_d1.json")
    ResponseEntity<ArpdauReport> file(@RequestParam(required = false) LocalDate day) {
        return Downloads.attachment(report(day), "arpdau_d1.json");
    }

    private static final class CampaignRows {

        private final String campaign;

        private final long activePlayers;

        private final List<Revenue> revenue = new ArrayList<>();

        CampaignRows(String campaign, long activePlayers) {
            this.campaign = campaign;
            this.activePlayers = activePlayers;
        }

        CampaignArpdau arpdau() {
            String status = revenue.isEmpty() ? "NO_REVENUE" : activePlayers == 0 ? "NO_ACTIVE_PLAYERS" : "OK";
            return new CampaignArpdau(campaign, activePlayers, List.copyOf(revenue), status);
        }
    }

    /**
     * @param activePlayers distinct players active on the day, all campaigns
     * @param totals per currency, all net revenue over all active players
     */
    record ArpdauReport(LocalDate day, long runId, Instant computedAt, long activePlayers,
            List<ArpdauCalculation.CurrencyTotal> totals, List<CampaignArpdau> campaigns) {
    }

    /**
     * @param campaign null for players and purchases without a campaign
     * @param revenue the day's net revenue and ARPDAU in each currency the campaign earned in
     * @param status {@code OK}, {@code NO_REVENUE} (ARPDAU is 0) or {@code NO_ACTIVE_PLAYERS} (no ARPDAU: revenue
     *        from players with no session or event that day)
     */
    record CampaignArpdau(String campaign, long activePlayers, List<Revenue> revenue, String status) {
    }

    /** @param arpdau net revenue ÷ active players, 4 decimals */
    record Revenue(String currency, String netRevenue, String arpdau) {
    }
}
