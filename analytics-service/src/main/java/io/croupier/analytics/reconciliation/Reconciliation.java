package io.croupier.analytics.reconciliation;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

import io.croupier.analytics.pipeline.PipelineDay;
import io.croupier.analytics.pipeline.PipelineSettings;
import io.croupier.analytics.pipeline.PipelineStep;
import io.croupier.analytics.reconciliation.PlayerAmountMatcher.Pair;
import org.springframework.core.annotation.Order;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * {@code reconciliation}: the day's curated purchases against the payment gateway's confirmations of the day.
 *
 * <ol>
 * <li>By transaction id, set-based in PostgreSQL: a purchase matches the confirmation of its transaction id processed
 * within the transaction window of it, whatever its day; a confirmation likewise matches a purchase. A matched pair
 * whose amounts or currencies differ is listed as a mismatch.</li>
 * <li>What is left, by player, currency and amount within the tolerance ({@link PlayerAmountMatcher}). The leftovers
 * of the day before and the day after, of the same players and amounts, take part, so a pair across midnight is the
 * same pair in both days' reports. Only sides that have a possible counterpart are brought into memory.</li>
 * <li>Whatever is still left is unmatched, on its side.</li>
 * </ol>
 */
@Component
@Order(20)
class Reconciliation implements PipelineStep {

    private final JdbcClient jdbc;

    private final PipelineSettings pipelineSettings;

    private final PlayerAmountMatcher matcher;

    private final Rules rules;

    Reconciliation(JdbcClient jdbc, PipelineSettings pipelineSettings, ReconciliationSettings settings) {
        this.jdbc = jdbc;
        this.pipelineSettings = pipelineSettings;
        this.matcher = new PlayerAmountMatcher(settings.tolerance());
        this.rules = new Rules(settings.tolerance().toString(), true,
                pipelineSettings.transactionWindow().toString());
    }

    @Override
    public String name() {
        return "reconciliation";
    }

    @Override
    public Figures run(PipelineDay day) {
        Map<String, Object> params = paramsOf(day);
        jdbc.sql("delete from reconciliation_items where day = :day").params(params).update();
        jdbc.sql("delete from reconciliation_totals where day = :day").params(params).update();
        jdbc.sql(ReconciliationSql.EXCEPTIONS_OF_THE_DAY).params(params).update();
        jdbc.sql(ReconciliationSql.PURCHASES_CONFIRMED_ON_OTHER_DAYS).params(params).update();
        jdbc.sql(ReconciliationSql.CONFIRMATIONS_OF_PURCHASES_ON_OTHER_DAYS).params(params).update();
        jdbc.sql(ReconciliationSql.INSERT_MISMATCHES).params(params).update();

        jdbc.sql(ReconciliationSql.CANDIDATES).params(params).update();
        matchByPlayerAndAmount(jdbc.sql(ReconciliationSql.LOAD_CANDIDATES).query(Reconciliation::candidate).list())
            .insert(jdbc, params);
        jdbc.sql(ReconciliationSql.INSERT_UNMATCHED_PURCHASES).params(params).update();
        jdbc.sql(ReconciliationSql.INSERT_UNMATCHED_CONFIRMATIONS).params(params).update();

        jdbc.sql(ReconciliationSql.INSERT_TOTALS).params(params).update();
        return jdbc.sql(ReconciliationSql.FIGURES).params(params).query((rs, n) -> new Figures(rules,
                rs.getLong("purchases"), rs.getLong("confirmations"), rs.getLong("by_transaction"),
                rs.getLong("by_player"), rs.getLong("unmatched_purchases"), rs.getLong("unmatched_confirmations"),
                rs.getLong("amount_mismatches"), rs.getLong("currency_mismatches"))).single();
    }

    /** Pairs the candidates; the pairs that involve the day, and the day's candidates left alone, become items. */
    private Items matchByPlayerAndAmount(List<Candidate> candidates) {
        List<Side> purchases = new ArrayList<>();
        List<Side> confirmations = new ArrayList<>();
        Set<Side> ofDay = new HashSet<>();
        for (Candidate candidate : candidates) {
            (candidate.purchase() ? purchases : confirmations).add(candidate.side());
            if (candidate.ofDay()) {
                ofDay.add(candidate.side());
            }
        }
        Items items = new Items();
        Set<Side> paired = new HashSet<>();
        for (Pair pair : matcher.match(purchases, confirmations)) {
            if (ofDay.contains(pair.purchase()) || ofDay.contains(pair.confirmation())) {
                items.add("MATCHED_BY_PLAYER_AND_AMOUNT", pair.purchase(), pair.confirmation());
                paired.add(pair.purchase());
                paired.add(pair.confirmation());
            }
        }
        for (Candidate candidate : candidates) {
            if (candidate.ofDay() && !paired.contains(candidate.side())) {
                if (candidate.purchase()) {
                    items.add("UNMATCHED_PURCHASE", candidate.side(), null);
                }
                else {
                    items.add("UNMATCHED_CONFIRMATION", null, candidate.side());
                }
            }
        }
        return items;
    }

    /** The day, and the transaction window around it and (in seconds) around each fact. */
    private Map<String, Object> paramsOf(PipelineDay day) {
        Duration window = pipelineSettings.transactionWindow();
        return Map.of("day", day.date(), "runId", day.runId(), "start", day.startTimestamp(), "end",
                day.endTimestamp(), "window", window.toSeconds(), "windowStart", day.startLess(window), "windowEnd",
                day.endPlus(window), "dayBefore", day.startLess(Duration.ofDays(1)), "dayAfter",
                day.endPlus(Duration.ofDays(1)));
    }

    private static Candidate candidate(ResultSet rs, int row) throws SQLException {
        return new Candidate(rs.getBoolean("purchase"), rs.getBoolean("of_day"), new Side(rs.getString("source"),
                rs.getString("side_key"), rs.getString("transaction_id"), rs.getString("player_id"),
                rs.getObject("occurred_at", OffsetDateTime.class).toInstant(), rs.getBigDecimal("amount"),
                rs.getString("currency")));
    }

    /** A side that could still pair by player and amount: a purchase or a confirmation, of the day or a neighbour. */
    private record Candidate(boolean purchase, boolean ofDay, Side side) {
    }

    /** The items the matcher decided, written in one statement. */
    private static final class Items {

        private final List<String[]> rows = new ArrayList<>();

        void add(String kind, Side purchase, Side confirmation) {
            rows.add(new String[] { kind, field(purchase, Side::source), field(purchase, Side::key),
                    field(purchase, Side::transactionId), field(purchase, Side::playerId),
                    field(purchase, side -> side.time().toString()),
                    field(purchase, side -> side.amount().toPlainString()), field(purchase, Side::currency),
                    field(confirmation, Side::key), field(confirmation, Side::transactionId),
                    field(confirmation, Side::playerId), field(confirmation, side -> side.time().toString()),
                    field(confirmation, side -> side.amount().toPlainString()),
                    field(confirmation, Side::currency) });
        }

        void insert(JdbcClient jdbc, Map<String, Object> params) {
            if (rows.isEmpty()) {
                return;
            }
            JdbcClient.StatementSpec statement = jdbc.sql(ReconciliationSql.INSERT_ITEMS).params(params);
            for (int column = 0; column < ReconciliationSql.ITEM_COLUMNS.size(); column++) {
                int index = column;
                statement = statement.param(ReconciliationSql.ITEM_COLUMNS.get(column),
                        rows.stream().map(row -> row[index]).toArray(String[]::new));
            }
            statement.update();
        }

        private static String field(Side side, Function<Side, String> value) {
            return side == null ? null : value.apply(side);
        }
    }

    /**
     * How a run matched.
     *
     * @param tolerance the most a pair by player and amount may be apart (ISO-8601), both edges included
     * @param transactionWindow the most a pair by transaction id may be apart (ISO-8601)
     */
    record Rules(String tolerance, boolean edgesInclusive, String transactionWindow) {
    }

    /**
     * The day's reconciliation in counts, added over currencies (amounts are per currency, in the report).
     *
     * @param purchasesMatchedByTransactionId purchases whose transaction id the gateway confirmed
     * @param purchasesMatchedByPlayerAndAmount purchases matched by the ±tolerance fallback
     * @param unmatchedPurchases purchases the gateway did not confirm
     * @param unmatchedConfirmations confirmations of no known purchase
     * @param amountMismatches pairs by transaction id whose amounts differ
     * @param currencyMismatches pairs by transaction id whose currencies differ
     */
    record Figures(Rules rules, long purchases, long confirmations, long purchasesMatchedByTransactionId,
            long purchasesMatchedByPlayerAndAmount, long unmatchedPurchases, long unmatchedConfirmations,
            long amountMismatches, long currencyMismatches) {
    }
}
