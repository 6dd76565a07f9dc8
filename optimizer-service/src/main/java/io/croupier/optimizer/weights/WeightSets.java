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
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The weight history: every computed set with its inputs, append-only, kept for the retention. */
@Repository
class WeightSets {

    private final JdbcClient jdbc;

    private final JsonMapper json;

    WeightSets(JdbcClient jdbc, JsonMapper json) {
        this.jdbc = jdbc;
        this.json = json;
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

    WeightSet add(Instant computedAt, WeightSet.Trigger trigger, Instant cycleStart, String currency,
            ComputedWeights computed) {
        long id = jdbc.sql("""
                insert into weight_sets (computed_at, trigger, cycle_start, policy, exploration_rate, last_n_clicks,
                    weight_floor, reference_currency, max_ev, settings)
                values (:computedAt, :trigger, :cycleStart, :policy, :explorationRate, :lastN, :floor, :currency,
                    :maxEv, cast(:settings as jsonb))
                returning weight_set_id""")
            .param("computedAt", Timestamp.from(computedAt))
            .param("trigger", trigger.name())
            .param("cycleStart", timestamp(cycleStart))
            .param("policy", computed.policy().name())
            .param("explorationRate", computed.explorationRate())
            .param("lastN", computed.lastNClicks())
            .param("floor", computed.weightFloor())
            .param("currency", currency)
            .param("maxEv", computed.maxEv())
            .param("settings", text(computed.settings()))
            .query(Long.class)
            .single();
        for (WeightSet.Entry entry : computed.weights()) {
            addEntry(id, entry);
        }
        // Read back, so the caller gets exactly what the history will show (same scales, same rounding).
        return find(id).orElseThrow();
    }

    private void addEntry(long weightSetId, WeightSet.Entry entry) {
        jdbc.sql("""
                insert into weight_set_entries (weight_set_id, offer_id, offer_name, active, sample_since,
                    sample_until, clicks, first_deposits, payout, conversion_rate, average_payout, ev, weight,
                    evidence)
                values (:setId, :offerId, :name, :active, :since, :until, :clicks, :ftds, :payout, :conversionRate,
                    :averagePayout, :ev, :weight, cast(:evidence as jsonb))""")
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
            .param("evidence", text(entry.evidence()))
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

    /** Up to {@code limit} sets without their entries, computed before set {@code beforeId}, newest first. */
    List<WeightSet> recent(long beforeId, int limit) {
        return jdbc.sql("""
                select * from weight_sets where weight_set_id < :before order by weight_set_id desc limit :limit""")
            .param("before", beforeId)
            .param("limit", limit)
            .query((rs, row) -> header(rs))
            .list();
    }

    /**
     * Deletes up to {@code limit} sets computed before {@code before}, never the newest (the one being routed with).
     *
     * @return how many were deleted
     */
    int deleteComputedBefore(Instant before, int limit) {
        List<Long> expired = jdbc.sql("""
                select weight_set_id from weight_sets
                where computed_at < :before and weight_set_id < (select max(weight_set_id) from weight_sets)
                order by weight_set_id limit :limit""")
            .param("before", Timestamp.from(before))
            .param("limit", limit)
            .query(Long.class)
            .list();
        if (expired.isEmpty()) {
            return 0;
        }
        for (String table : List.of("weight_set_revenue", "weight_set_entries", "weight_sets")) {
            jdbc.sql("delete from " + table + " where weight_set_id in (:ids)").param("ids", expired).update();
        }
        return expired.size();
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
                    revenue.getOrDefault(rs.getLong("offer_id"), List.of()), tree(rs.getString("evidence"))))
            .list();
        return new WeightSet(header.weightSetId(), header.computedAt(), header.trigger(), header.cycleStart(),
                header.policy(), header.currency(), header.explorationRate(), header.weightFloor(), header.maxEv(),
                header.lastNClicks(), header.settings(), entries);
    }

    private WeightSet header(ResultSet rs) throws SQLException {
        return new WeightSet(rs.getLong("weight_set_id"), instant(rs.getTimestamp("computed_at")),
                WeightSet.Trigger.valueOf(rs.getString("trigger")), instant(rs.getTimestamp("cycle_start")),
                PolicyName.valueOf(rs.getString("policy")), rs.getString("reference_currency"),
                rs.getBigDecimal("exploration_rate"), rs.getBigDecimal("weight_floor"), rs.getBigDecimal("max_ev"),
                rs.getObject("last_n_clicks", Integer.class), tree(rs.getString("settings")), List.of());
    }

    private String text(JsonNode node) {
        return node == null ? null : json.writeValueAsString(node);
    }

    private JsonNode tree(String text) {
        return text == null ? null : json.readTree(text);
    }

    private static Timestamp timestamp(Instant instant) {
        return instant == null ? null : Timestamp.from(instant);
    }

    private static Instant instant(Timestamp timestamp) {
        return timestamp == null ? null : timestamp.toInstant();
    }
}
