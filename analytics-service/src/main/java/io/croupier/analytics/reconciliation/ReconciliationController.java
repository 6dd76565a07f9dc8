package io.croupier.analytics.reconciliation;

import java.math.BigDecimal;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import io.croupier.analytics.money.MoneyFormat;
import io.croupier.analytics.pipeline.ComputedByThePipeline;
import io.croupier.analytics.pipeline.PipelineRun;
import io.croupier.analytics.pipeline.PipelineRuns;
import io.croupier.analytics.reconciliation.ReconciliationReport.Confirmation;
import io.croupier.analytics.reconciliation.ReconciliationReport.Item;
import io.croupier.analytics.reconciliation.ReconciliationReport.Purchase;
import io.croupier.analytics.reconciliation.ReconciliationReport.Totals;
import io.croupier.analytics.web.Downloads;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** {@code reconciliation} of a day (yesterday by default), as JSON and as the seed's {@code reconciliation.json}. */
@Tag(name = "Analytics reports", description = "Seed 002's pipeline outputs of a day: curated purchases, "
        + "purchase reconciliation, ROAS with anomalies, ARPDAU; as JSON and as the seed's files.")
@RestController
class ReconciliationController {

    private final JdbcClient jdbc;

    private final PipelineRuns runs;

    ReconciliationController(JdbcClient jdbc, PipelineRuns runs) {
        this.jdbc = jdbc;
        this.runs = runs;
    }

    @ComputedByThePipeline
    @GetMapping("/reports/reconciliation")
    ReconciliationReport report(@RequestParam(required = false) LocalDate day) {
        PipelineRun run = runs.latestCompleted(runs.dayOrYesterday(day));
        List<Totals> totals = jdbc.sql("select * from reconciliation_totals where day = :day order by currency")
            .param("day", java.sql.Date.valueOf(run.day()))
            .query(ReconciliationController::totals)
            .list();
        Map<String, List<Item>> items = new HashMap<>();
        jdbc.sql("""
                select * from reconciliation_items where day = :day
                order by coalesce(purchased_at, confirmed_at), purchase_key, confirmation_key""")
            .param("day", java.sql.Date.valueOf(run.day()))
            .query(rs -> {
                items.computeIfAbsent(rs.getString("kind"), kind -> new ArrayList<>()).add(item(rs));
            });
        return new ReconciliationReport(run.day(), run.runId(), run.finishedAt(), run.figures().path(
                "reconciliation").path("rules"), totals, items.getOrDefault("MATCHED_BY_PLAYER_AND_AMOUNT",
                        List.of()), items.getOrDefault("AMOUNT_MISMATCH", List.of()),
                items.getOrDefault("CURRENCY_MISMATCH", List.of()),
                items.getOrDefault("UNMATCHED_PURCHASE", List.of()),
                items.getOrDefault("UNMATCHED_CONFIRMATION", List.of()));
    }

    @ComputedByThePipeline
    @GetMapping("/reports/reconciliation.json")
    ResponseEntity<ReconciliationReport> file(@RequestParam(required = false) LocalDate day) {
        return Downloads.attachment(report(day), "reconciliation.json");
    }

    private static Totals totals(ResultSet rs, int row) throws SQLException {
        String currency = rs.getString("currency");
        return new Totals(currency, rs.getLong("purchases"), money(rs, "purchase_amount", currency),
                rs.getLong("purchases_matched_by_transaction"), rs.getLong("purchases_matched_by_player"),
                rs.getLong("unmatched_purchases"), money(rs, "unmatched_purchase_amount", currency),
                rs.getLong("confirmations"), money(rs, "confirmation_amount", currency),
                rs.getLong("confirmations_matched_by_transaction"), rs.getLong("confirmations_matched_by_player"),
                rs.getLong("unmatched_confirmations"), money(rs, "unmatched_confirmation_amount", currency),
                rs.getLong("amount_mismatches"), rs.getLong("currency_mismatches"));
    }

    private static Item item(ResultSet rs) throws SQLException {
        Purchase purchase = rs.getString("purchase_key") == null ? null
                : new Purchase(rs.getString("purchase_source"), rs.getString("purchase_key"),
                        rs.getString("purchase_transaction"), rs.getString("purchase_player"),
                        rs.getObject("purchased_at", OffsetDateTime.class).toInstant(),
                        money(rs, "purchase_amount", rs.getString("purchase_currency")),
                        rs.getString("purchase_currency"));
        Confirmation confirmation = rs.getString("confirmation_key") == null ? null
                : new Confirmation(rs.getString("confirmation_key"), rs.getString("confirmation_transaction"),
                        rs.getString("confirmation_player"),
                        rs.getObject("confirmed_at", OffsetDateTime.class).toInstant(),
                        money(rs, "confirmation_amount", rs.getString("confirmation_currency")),
                        rs.getString("confirmation_currency"));
        Long secondsApart = purchase == null || confirmation == null ? null
                : Duration.between(purchase.eventTime(), confirmation.processedAt()).abs().toSeconds();
        String difference = null;
        if ("AMOUNT_MISMATCH".equals(rs.getString("kind"))) {
            BigDecimal confirmed = rs.getBigDecimal("confirmation_amount");
            difference = MoneyFormat.amount(confirmed.subtract(rs.getBigDecimal("purchase_amount")),
                    confirmation.currency());
        }
        return new Item(purchase, confirmation, secondsApart, difference);
    }

    private static String money(ResultSet rs, String column, String currency) throws SQLException {
        return MoneyFormat.amount(rs.getBigDecimal(column), currency);
    }
}
