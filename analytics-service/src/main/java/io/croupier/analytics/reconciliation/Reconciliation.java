package io.croupier.analytics.reconciliation;

import java.math.BigDecimal;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.function.ToLongFunction;

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
 * same pair in both days' reports.</li>
 * <li>Whatever is still left is unmatched, on its side.</li>
 * </ol>
 */
@Component
@Order(2)
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
        jdbc.sql("delete from reconciliation_items where day = :day").param("day", day.date()).update();
        jdbc.sql("delete from reconciliation_totals where day = :day").param("day", day.date()).update();
        matchByTransactionId(day);
        Map<String, Totals> totals = totalsMatchedByTransactionId(day);
        jdbc.sql(ReconciliationSql.INSERT_MISMATCHES)
            .param("day", day.date())
            .param("runId", day.runId())
            .update();

        List<Side> dayPurchases = jdbc.sql(ReconciliationSql.LEFTOVER_PURCHASES).query(Reconciliation::side).list();
        List<Side> dayConfirmations = jdbc.sql(ReconciliationSql.LEFTOVER_CONFIRMATIONS)
            .query(Reconciliation::side)
            .list();
        jdbc.sql(ReconciliationSql.LEFTOVER_GROUPS).update();
        List<Side> purchases = new ArrayList<>(dayPurchases);
        purchases.addAll(neighbours(ReconciliationSql.NEIGHBOUR_PURCHASES, day));
        List<Side> confirmations = new ArrayList<>(dayConfirmations);
        confirmations.addAll(neighbours(ReconciliationSql.NEIGHBOUR_CONFIRMATIONS, day));
        List<Pair> pairs = matcher.match(purchases, confirmations);

        Items items = new Items();
        Set<Side> pairedPurchases = new HashSet<>();
        Set<Side> pairedConfirmations = new HashSet<>();
        Set<Side> ofDay = new HashSet<>(dayPurchases);
        ofDay.addAll(dayConfirmations);
        for (Pair pair : pairs) {
            if (ofDay.contains(pair.purchase()) || ofDay.contains(pair.confirmation())) {
                items.add("MATCHED_BY_PLAYER_AND_AMOUNT", pair.purchase(), pair.confirmation());
                pairedPurchases.add(pair.purchase());
                pairedConfirmations.add(pair.confirmation());
            }
        }
        for (Side purchase : dayPurchases) {
            Totals currency = totals.get(purchase.currency());
            if (pairedPurchases.contains(purchase)) {
                currency.purchasesMatchedByPlayer++;
            }
            else {
                items.add("UNMATCHED_PURCHASE", purchase, null);
                currency.unmatchedPurchases++;
                currency.unmatchedPurchaseAmount = currency.unmatchedPurchaseAmount.add(purchase.amount());
            }
        }
        for (Side confirmation : dayConfirmations) {
            Totals currency = totals.get(confirmation.currency());
            if (pairedConfirmations.contains(confirmation)) {
                currency.confirmationsMatchedByPlayer++;
            }
            else {
                items.add("UNMATCHED_CONFIRMATION", null, confirmation);
                currency.unmatchedConfirmations++;
                currency.unmatchedConfirmationAmount = currency.unmatchedConfirmationAmount
                    .add(confirmation.amount());
            }
        }
        items.insert(jdbc, day);
        totals.forEach((currency, figures) -> figures.insert(jdbc, day, currency));
        return Figures.of(rules, totals.values());
    }

    private void matchByTransactionId(PipelineDay day) {
        jdbc.sql(ReconciliationSql.EXCEPTIONS_OF_THE_DAY).params(windowOf(day)).param("day", day.date()).update();
        jdbc.sql(ReconciliationSql.PURCHASES_CONFIRMED_ON_OTHER_DAYS).params(windowOf(day)).update();
        jdbc.sql(ReconciliationSql.CONFIRMATIONS_OF_PURCHASES_ON_OTHER_DAYS).params(windowOf(day)).update();
    }

    private List<Side> neighbours(String sql, PipelineDay day) {
        return jdbc.sql(sql)
            .params(windowOf(day))
            .param("dayBefore", day.startLess(Duration.ofDays(1)))
            .param("dayAfter", day.endPlus(Duration.ofDays(1)))
            .query(Reconciliation::side)
            .list();
    }

    /** The day, and the transaction window around it and (in seconds) around each fact. */
    private Map<String, Object> windowOf(PipelineDay day) {
        Duration window = pipelineSettings.transactionWindow();
        return Map.of("start", day.startTimestamp(), "end", day.endTimestamp(), "window", window.toSeconds(),
                "windowStart", day.startLess(window), "windowEnd", day.endPlus(window));
    }

    /** Each currency's counts and amounts, and what matched by transaction id; the leftovers are added later. */
    private Map<String, Totals> totalsMatchedByTransactionId(PipelineDay day) {
        Map<String, Totals> totals = new TreeMap<>();
        jdbc.sql(ReconciliationSql.PURCHASE_TOTALS).param("day", day.date()).query(rs -> {
            Totals currency = totals.computeIfAbsent(rs.getString("currency"), c -> new Totals());
            currency.purchases = rs.getLong("purchases");
            currency.purchaseAmount = rs.getBigDecimal("amount");
            currency.purchasesMatchedByTransaction = currency.purchases - rs.getLong("unpaired");
            currency.amountMismatches = rs.getLong("amount_mismatches");
            currency.currencyMismatches = rs.getLong("currency_mismatches");
        });
        jdbc.sql(ReconciliationSql.CONFIRMATION_TOTALS).params(windowOf(day)).query(rs -> {
            Totals currency = totals.computeIfAbsent(rs.getString("currency"), c -> new Totals());
            currency.confirmations = rs.getLong("confirmations");
            currency.confirmationAmount = rs.getBigDecimal("amount");
            currency.confirmationsMatchedByTransaction = currency.confirmations - rs.getLong("unpaired");
        });
        return totals;
    }

    private static Side side(ResultSet rs, int row) throws SQLException {
        return new Side(rs.getString("source"), rs.getString("side_key"), rs.getString("transaction_id"),
                rs.getString("player_id"), rs.getObject("occurred_at", OffsetDateTime.class).toInstant(),
                rs.getBigDecimal("amount"), rs.getString("currency"));
    }

    /** One currency's totals, filled from the SQL aggregates and the leftovers. */
    private static final class Totals {

        long purchases;

        BigDecimal purchaseAmount = BigDecimal.ZERO;

        long purchasesMatchedByTransaction;

        long purchasesMatchedByPlayer;

        long unmatchedPurchases;

        BigDecimal unmatchedPurchaseAmount = BigDecimal.ZERO;

        long confirmations;

        BigDecimal confirmationAmount = BigDecimal.ZERO;

        long confirmationsMatchedByTransaction;

        long confirmationsMatchedByPlayer;

        long unmatchedConfirmations;

        BigDecimal unmatchedConfirmationAmount = BigDecimal.ZERO;

        long amountMismatches;

        long currencyMismatches;

        void insert(JdbcClient jdbc, PipelineDay day, String currency) {
            jdbc.sql("""
                    insert into reconciliation_totals (day, currency, purchases, purchase_amount,
                        purchases_matched_by_transaction, purchases_matched_by_player, unmatched_purchases,
                        unmatched_purchase_amount, confirmations, confirmation_amount,
                        confirmations_matched_by_transaction, confirmations_matched_by_player, unmatched_confirmations,
                        unmatched_confirmation_amount, amount_mismatches, currency_mismatches, run_id)
                    values (:day, :currency, :purchases, :purchaseAmount, :purchasesByTransaction, :purchasesByPlayer,
                        :unmatchedPurchases, :unmatchedPurchaseAmount, :confirmations, :confirmationAmount,
                        :confirmationsByTransaction, :confirmationsByPlayer, :unmatchedConfirmations,
                        :unmatchedConfirmationAmount, :amountMismatches, :currencyMismatches, :runId)""")
                .param("day", day.date())
                .param("currency", currency)
                .param("purchases", purchases)
                .param("purchaseAmount", purchaseAmount)
                .param("purchasesByTransaction", purchasesMatchedByTransaction)
                .param("purchasesByPlayer", purchasesMatchedByPlayer)
                .param("unmatchedPurchases", unmatchedPurchases)
                .param("unmatchedPurchaseAmount", unmatchedPurchaseAmount)
                .param("confirmations", confirmations)
                .param("confirmationAmount", confirmationAmount)
                .param("confirmationsByTransaction", confirmationsMatchedByTransaction)
                .param("confirmationsByPlayer", confirmationsMatchedByPlayer)
                .param("unmatchedConfirmations", unmatchedConfirmations)
                .param("unmatchedConfirmationAmount", unmatchedConfirmationAmount)
                .param("amountMismatches", amountMismatches)
                .param("currencyMismatches", currencyMismatches)
                .param("runId", day.runId())
                .update();
        }
    }

    /** The exceptions found by the matcher, written in one statement. */
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

        void insert(JdbcClient jdbc, PipelineDay day) {
            if (rows.isEmpty()) {
                return;
            }
            JdbcClient.StatementSpec statement = jdbc.sql(ReconciliationSql.INSERT_ITEMS)
                .param("day", day.date())
                .param("runId", day.runId());
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

        static Figures of(Rules rules, Collection<Totals> totals) {
            return new Figures(rules, sum(totals, t -> t.purchases), sum(totals, t -> t.confirmations),
                    sum(totals, t -> t.purchasesMatchedByTransaction), sum(totals, t -> t.purchasesMatchedByPlayer),
                    sum(totals, t -> t.unmatchedPurchases), sum(totals, t -> t.unmatchedConfirmations),
                    sum(totals, t -> t.amountMismatches), sum(totals, t -> t.currencyMismatches));
        }

        private static long sum(Collection<Totals> totals, ToLongFunction<Totals> count) {
            return totals.stream().mapToLong(count).sum();
        }
    }
}
