package io.croupier.commission.ledger;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.croupier.commission.money.Amount;
import io.croupier.events.ConversionKind;
import io.croupier.events.ConversionStatus;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/** The append-only commission ledger. Rows are only ever inserted (a database trigger refuses the rest). */
@Repository
public class Ledger {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private static final TypeReference<Map<String, String>> INPUTS = new TypeReference<>() {
    };

    private final JdbcClient jdbc;

    Ledger(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public void append(LedgerEntry entry) {
        jdbc.sql("""
                insert into ledger_entries (entry_id, input_event_id, postback_log_id, reverses, conversion_key,
                    offer_id, publisher_id, click_id, player_id, campaign, kind, status, rule, deal_version, revenue,
                    revenue_currency, publisher_payout, payout_currency, first_deposit, inputs, occurred_at,
                    recorded_at)
                values (:entryId, :inputEventId, :postbackLogId, :reverses, :conversionKey, :offerId, :publisherId,
                    :clickId, :playerId, :campaign, :kind, :status, :rule, :dealVersion, :revenue, :revenueCurrency,
                    :payout, :payoutCurrency, :firstDeposit, cast(:inputs as jsonb), :occurredAt, :recordedAt)""")
            .param("entryId", entry.entryId())
            .param("inputEventId", entry.inputEventId())
            .param("postbackLogId", entry.postbackLogId())
            .param("reverses", entry.reverses())
            .param("conversionKey", entry.conversionKey())
            .param("offerId", entry.offerId())
            .param("publisherId", entry.publisherId())
            .param("clickId", entry.clickId())
            .param("playerId", entry.playerId())
            .param("campaign", entry.campaign())
            .param("kind", entry.kind().name())
            .param("status", entry.status().name())
            .param("rule", entry.rule())
            .param("dealVersion", entry.dealVersion())
            .param("revenue", entry.revenue().value())
            .param("revenueCurrency", entry.revenue().currency())
            .param("payout", entry.publisherPayout().value())
            .param("payoutCurrency", entry.publisherPayout().currency())
            .param("firstDeposit", entry.firstDeposit())
            .param("inputs", JSON.writeValueAsString(entry.inputs()))
            .param("occurredAt", Timestamp.from(entry.occurredAt()))
            .param("recordedAt", Timestamp.from(entry.recordedAt()))
            .update();
    }

    /**
     * The approved entry that currently settles a conversion: approved, not itself a reversal, not already reversed,
     * not a repeated or refused approval, and not a chargeback (which shares the key of the deposit it takes back).
     */
    public Optional<LedgerEntry> settling(String conversionKey) {
        if (conversionKey == null) {
            return Optional.empty();
        }
        return jdbc.sql("""
                select * from ledger_entries e
                where e.conversion_key = :key and e.status = 'APPROVED' and e.reverses is null
                  and e.kind <> 'CHARGEBACK'
                  and e.rule not in ('ALREADY_APPROVED', 'PENDING_AFTER_APPROVAL_IGNORED', 'ALREADY_REJECTED')
                  and not exists (select 1 from ledger_entries r where r.reverses = e.entry_id)
                order by e.position desc
                limit 1""")
            .param("key", conversionKey)
            .query(Ledger::entry)
            .optional();
    }

    /** The entry that rejected a conversion, if one did: a rejection is final. */
    public Optional<LedgerEntry> rejection(String conversionKey) {
        if (conversionKey == null) {
            return Optional.empty();
        }
        return jdbc.sql("""
                select * from ledger_entries
                where conversion_key = :key and status = 'REJECTED' and reverses is null
                order by position limit 1""")
            .param("key", conversionKey)
            .query(Ledger::entry)
            .optional();
    }

    public Optional<LedgerEntry> find(String entryId) {
        return jdbc.sql("select * from ledger_entries where entry_id = :id")
            .param("id", entryId)
            .query(Ledger::entry)
            .optional();
    }

    public List<LedgerEntry> search(LedgerQuery query) {
        return search(query, false);
    }

    /** Each conversion's own entry, without the reversals written against earlier entries. */
    List<LedgerEntry> conversions(LedgerQuery query) {
        return search(query, true);
    }

    /** The reversals written against the given entries, whenever they were written. */
    List<LedgerEntry> reversalsOf(List<String> entryIds) {
        if (entryIds.isEmpty()) {
            return List.of();
        }
        return jdbc.sql("select * from ledger_entries where reverses in (:ids) order by position")
            .param("ids", entryIds)
            .query(Ledger::entry)
            .list();
    }

    private List<LedgerEntry> search(LedgerQuery query, boolean ownEntriesOnly) {
        return jdbc.sql("""
                select * from ledger_entries
                where (not cast(:ownEntriesOnly as boolean) or reverses is null)
                  and (cast(:inputEventId as text) is null or input_event_id = :inputEventId)
                  and (cast(:offerId as text) is null or offer_id = :offerId)
                  and (cast(:publisherId as text) is null or publisher_id = :publisherId)
                  and (cast(:playerId as text) is null or player_id = :playerId)
                  and (cast(:from as timestamptz) is null or occurred_at >= :from)
                  and (cast(:to as timestamptz) is null or occurred_at < :to)
                order by position
                limit :limit""")
            .param("ownEntriesOnly", ownEntriesOnly)
            .param("inputEventId", query.inputEventId())
            .param("offerId", query.offerId())
            .param("publisherId", query.publisherId())
            .param("playerId", query.playerId())
            .param("from", timestamp(query.from()))
            .param("to", timestamp(query.to()))
            .param("limit", query.limit())
            .query(Ledger::entry)
            .list();
    }

    private static Timestamp timestamp(Instant instant) {
        return instant == null ? null : Timestamp.from(instant);
    }

    static LedgerEntry entry(ResultSet rs, int row) throws SQLException {
        return new LedgerEntry(rs.getString("entry_id"), rs.getString("input_event_id"),
                rs.getObject("postback_log_id", Long.class), rs.getString("reverses"), rs.getString("conversion_key"),
                rs.getString("offer_id"), rs.getString("publisher_id"), rs.getString("click_id"),
                rs.getString("player_id"), rs.getString("campaign"),
                ConversionKind.valueOf(rs.getString("kind")), ConversionStatus.valueOf(rs.getString("status")),
                rs.getString("rule"), rs.getInt("deal_version"),
                new Amount(rs.getBigDecimal("revenue"), rs.getString("revenue_currency")),
                new Amount(rs.getBigDecimal("publisher_payout"), rs.getString("payout_currency")),
                rs.getBoolean("first_deposit"), JSON.readValue(rs.getString("inputs"), INPUTS),
                rs.getTimestamp("occurred_at").toInstant(), rs.getTimestamp("recorded_at").toInstant());
    }
}
