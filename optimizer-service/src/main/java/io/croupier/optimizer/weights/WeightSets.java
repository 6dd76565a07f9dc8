package io.croupier.optimizer.weights;

import java.math.BigDecimal;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.croupier.optimizer.currency.Revenue;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The weight history: every computed set with its inputs, append-only. */
@Repository
class WeightSets {

    private final JdbcClient jdbc;

    WeightSets(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    boolean existsForCycle(Instant cycleStart) {
        return jdbc.sql("select exists (select 1 from weight_sets where cycle_start = :cycleStart)")
            .param("cycleStart", Timestamp.from(cycleStart))
            .query(Boolean.class)
            .single();
    }

    /** Whether the newest set exists and publishes a weight for {@code offerId}. */
    boolean newestRoutesTo(long offerId) {
        return jdbc.sql("""
                select exists (select 1 from weight_set_entries
                               where weight_set_id = (select max(weight_set_id) from weight_sets)
                                 and offer_id = :offerId and active)""")
            .param("offerId", offerId)
            .query(Boolean.class)
            .single();
    }

    WeightSet add(NewWeightSet set) {
        long id = jdbc.sql("""
                insert into weight_sets
                    (computed_at, trigger, cycle_start, last_n_clicks, weight_floor, reference_currency, max_ev)
                values (:computedAt, :trigger, :cycleStart, :lastN, :floor, :currency, :maxEv)
                returning weight_set_id""")
            .param("computedAt", Timestamp.from(set.computedAt()))
            .param("trigger", set.trigger().name())
            .param("cycleStart", set.cycleStart() == null ? null : Timestamp.from(set.cycleStart()))
            .param("lastN", set.lastNClicks())
            .param("floor", set.weightFloor())
            .param("currency", set.currency())
            .param("maxEv", set.maxEv())
            .query(Long.class)
            .single();
        for (WeightSet.Entry entry : set.weights()) {
            addEntry(id, entry);
        }
        // Read back, so the caller gets exactly what the history will show (same scales, same rounding).
        return find(id).orElseThrow();
    }

    private void addEntry(long weightSetId, WeightSet.Entry entry) {
        jdbc.sql("""
                insert into weight_set_entries (weight_set_id, offer_id, offer_name, active, sample_since,
                    sample_until, clicks, first_deposits, payout, conversion_rate, average_payout, ev, weight)
                values (:setId, :offerId, :name, :active, :since, :until, :clicks, :ftds, :payout, :conversionRate,
                    :averagePayout, :ev, :weight)""")
            .param("setId", weightSetId)
            .param("offerId", entry.id())
            .param("name", entry.name())
            .param("active", entry.active())
            .param("since", timestamp(entry.sampleSince()))
            .param("until", timestamp(entry.sampleUntil()))
            .param("clicks", entry.clicks())
            .param("ftds", entry.ftds())
            .param("payout", entry.payout())
            .param("conversionRate", entry.conversionRate())
            .param("averagePayout", entry.averagePayout())
            .param("ev", entry.ev())
            .param("weight", entry.weight())
            .update();
        for (Revenue revenue : entry.revenue()) {
            jdbc.sql("""
                    insert into weight_set_revenue (weight_set_id, offer_id, currency, amount, rate)
                    values (:setId, :offerId, :currency, :amount, :rate)""")
                .param("setId", weightSetId)
                .param("offerId", entry.id())
                .param("currency", revenue.currency())
                .param("amount", revenue.amount())
                .param("rate", revenue.rate())
                .update();
        }
    }

    Optional<WeightSet> find(long weightSetId) {
        return jdbc.sql("select * from weight_sets where weight_set_id = :id")
            .param("id", weightSetId)
            .query((rs, row) -> header(rs))
            .optional()
            .map(this::withEntries);
    }

    /** The newest sets first, without their entries. */
    List<WeightSet> recent(int limit) {
        return jdbc.sql("select * from weight_sets order by weight_set_id desc limit :limit")
            .param("limit", limit)
            .query((rs, row) -> header(rs))
            .list();
    }

    private WeightSet withEntries(WeightSet header) {
        Map<Long, List<Revenue>> revenue = new HashMap<>();
        jdbc.sql("select * from weight_set_revenue where weight_set_id = :id order by offer_id, currency")
            .param("id", header.weightSetId())
            .query(rs -> {
                revenue.computeIfAbsent(rs.getLong("offer_id"), offerId -> new ArrayList<>())
                    .add(new Revenue(rs.getString("currency"), rs.getBigDecimal("amount"), rs.getBigDecimal("rate")));
            });
        List<WeightSet.Entry> entries = jdbc
            .sql("select * from weight_set_entries where weight_set_id = :id order by offer_id")
            .param("id", header.weightSetId())
            .query((rs, row) -> new WeightSet.Entry(rs.getLong("offer_id"), rs.getString("offer_name"),
                    rs.getBoolean("active"), instant(rs.getTimestamp("sample_since")),
                    instant(rs.getTimestamp("sample_until")), rs.getLong("clicks"), rs.getLong("first_deposits"),
                    rs.getBigDecimal("payout"), rs.getBigDecimal("conversion_rate"),
                    rs.getBigDecimal("average_payout"), rs.getBigDecimal("ev"), rs.getBigDecimal("weight"),
                    revenue.getOrDefault(rs.getLong("offer_id"), List.of())))
            .list();
        return new WeightSet(header.weightSetId(), header.computedAt(), header.trigger(), header.cycleStart(),
                header.lastNClicks(), header.weightFloor(), header.currency(), header.maxEv(), entries);
    }

    private static WeightSet header(ResultSet rs) throws SQLException {
        return new WeightSet(rs.getLong("weight_set_id"), instant(rs.getTimestamp("computed_at")),
                WeightSet.Trigger.valueOf(rs.getString("trigger")), instant(rs.getTimestamp("cycle_start")),
                rs.getInt("last_n_clicks"), rs.getBigDecimal("weight_floor"), rs.getString("reference_currency"),
                rs.getBigDecimal("max_ev"), List.of());
    }

    private static Timestamp timestamp(Instant instant) {
        return instant == null ? null : Timestamp.from(instant);
    }

    private static Instant instant(Timestamp timestamp) {
        return timestamp == null ? null : timestamp.toInstant();
    }

    /** A set about to be stored; the database gives it its id. */
    record NewWeightSet(Instant computedAt, WeightSet.Trigger trigger, Instant cycleStart, int lastNClicks,
            BigDecimal weightFloor, String currency, BigDecimal maxEv, List<WeightSet.Entry> weights) {
    }
}
