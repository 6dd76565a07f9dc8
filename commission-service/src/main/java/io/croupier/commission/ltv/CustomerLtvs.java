package io.croupier.commission.ltv;

import java.math.BigDecimal;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

import io.croupier.commission.money.Amount;
import io.croupier.runtime.paging.Cursor;
import io.croupier.runtime.problems.InvalidField;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * Deposits and revenue per player (seed 000), one row per offer, player and currency, each change a single atomic
 * upsert. Segments and predictions are derived when read, so changing their thresholds needs no migration.
 */
@Repository
class CustomerLtvs {

    private final JdbcClient jdbc;

    CustomerLtvs(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * Applies changes with one upsert: those of one player, offer and currency are summed first, because one statement
     * cannot update a row twice.
     */
    void apply(List<Change> changes) {
        Map<Customer, Change> summed = new LinkedHashMap<>();
        changes.forEach(change -> summed.merge(change.customer(), change, Change::plus));
        if (summed.isEmpty()) {
            return;
        }
        // Sorted, so that two transactions upserting overlapping rows take their row locks in the same order.
        List<Change> rows = summed.values().stream().sorted(Comparator.comparing(Change::customer)).toList();
        jdbc.sql("""
                insert into customer_ltv (offer_id, player_id, currency, deposit_count, total_deposits,
                    total_revenue, first_seen_at, last_activity_at)
                select offer_id, player_id, currency, deposits::int, amount::numeric, revenue::numeric,
                    first_at::timestamptz, last_at::timestamptz
                from unnest(?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[])
                    as change(offer_id, player_id, currency, deposits, amount, revenue, first_at, last_at)
                on conflict (offer_id, player_id, currency) do update set
                    deposit_count = customer_ltv.deposit_count + excluded.deposit_count,
                    total_deposits = customer_ltv.total_deposits + excluded.total_deposits,
                    total_revenue = customer_ltv.total_revenue + excluded.total_revenue,
                    last_activity_at = greatest(customer_ltv.last_activity_at, excluded.last_activity_at)""")
            .param(column(rows, change -> change.customer().offerId()))
            .param(column(rows, change -> change.customer().playerId()))
            .param(column(rows, change -> change.customer().currency()))
            .param(column(rows, change -> Integer.toString(change.deposits())))
            .param(column(rows, change -> change.depositAmount().toPlainString()))
            .param(column(rows, change -> change.revenue().toPlainString()))
            .param(column(rows, change -> change.firstAt().toString()))
            .param(column(rows, change -> change.lastAt().toString()))
            .update();
    }

    private static String[] column(List<Change> rows, Function<Change, String> value) {
        return rows.stream().map(value).toArray(String[]::new);
    }

    record Customer(String offerId, String playerId, String currency) implements Comparable<Customer> {

        private static final Comparator<Customer> ORDER = Comparator.comparing(Customer::offerId)
            .thenComparing(Customer::playerId)
            .thenComparing(Customer::currency);

        @Override
        public int compareTo(Customer other) {
            return ORDER.compare(this, other);
        }
    }

    /** What one ledger entry adds to a customer's LTV, or the sum of several such. */
    record Change(Customer customer, int deposits, BigDecimal depositAmount, BigDecimal revenue, Instant firstAt,
            Instant lastAt) {

        static Change deposits(String offerId, String playerId, int count, Amount amount, Instant at) {
            return new Change(new Customer(offerId, playerId, amount.currency()), count, amount.value(),
                    BigDecimal.ZERO, at, at);
        }

        static Change earned(String offerId, String playerId, Amount revenue, Instant at) {
            return new Change(new Customer(offerId, playerId, revenue.currency()), 0, BigDecimal.ZERO,
                    revenue.value(), at, at);
        }

        Change plus(Change other) {
            return new Change(customer, deposits + other.deposits, depositAmount.add(other.depositAmount),
                    revenue.add(other.revenue), firstAt.isBefore(other.firstAt) ? firstAt : other.firstAt,
                    lastAt.isAfter(other.lastAt) ? lastAt : other.lastAt);
        }
    }

    List<Row> ofPlayer(String playerId) {
        return jdbc.sql("select * from customer_ltv where player_id = :playerId order by offer_id, currency")
            .param("playerId", playerId)
            .query(CustomerLtvs::row)
            .list();
    }

    /**
     * The most revenue first, those after {@code after} (from the top when it is null): {@code customer_ltv_by_revenue}
     * in order.
     */
    List<Row> byRevenue(Position after, int limit) {
        return jdbc.sql("""
                select * from customer_ltv
                 where cast(:revenue as numeric) is null
                    or (total_revenue <= :revenue and (total_revenue < :revenue
                        or (player_id, offer_id, currency) > (:player, :offer, :currency)))
                 order by total_revenue desc, player_id, offer_id, currency
                 limit :limit""")
            .param("revenue", after == null ? null : after.revenue())
            .param("player", after == null ? null : after.playerId())
            .param("offer", after == null ? null : after.offerId())
            .param("currency", after == null ? null : after.currency())
            .param("limit", limit)
            .query(CustomerLtvs::row)
            .list();
    }

    private static Row row(ResultSet rs, int n) throws SQLException {
        String currency = rs.getString("currency");
        return new Row(rs.getString("offer_id"), rs.getString("player_id"), currency, rs.getInt("deposit_count"),
                new Amount(rs.getBigDecimal("total_deposits"), currency),
                new Amount(rs.getBigDecimal("total_revenue"), currency), rs.getTimestamp("first_seen_at").toInstant(),
                rs.getTimestamp("last_activity_at").toInstant());
    }

    record Row(String offerId, String playerId, String currency, int depositCount, Amount totalDeposits,
            Amount totalRevenue, Instant firstSeenAt, Instant lastActivityAt) {

        Position position() {
            return new Position(totalRevenue.value(), playerId, offerId, currency);
        }
    }

    /**
     * Where a row sits in the most-revenue-first order, written in a cursor as its four parts on lines of their own,
     * the player's id last so that nothing it holds can shift the others.
     */
    record Position(BigDecimal revenue, String playerId, String offerId, String currency) {

        static Position of(Cursor cursor) {
            String[] parts = cursor.id().split("\n", 4);
            try {
                return new Position(new BigDecimal(parts[0]), parts[3], parts[2], parts[1]);
            }
            catch (ArrayIndexOutOfBoundsException | NumberFormatException e) {
                throw new InvalidField("cursor", "is not one this API answered");
            }
        }

        Cursor cursor() {
            return Cursor.of(revenue.toPlainString() + "\n" + currency + "\n" + offerId + "\n" + playerId);
        }
    }
}
