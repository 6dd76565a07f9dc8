package io.croupier.commission.ledger;

import java.math.BigDecimal;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

import io.croupier.commission.money.Amount;
import io.croupier.events.AttributionMethod;
import io.croupier.events.ConversionKind;
import io.croupier.events.ConversionStatus;
import io.croupier.events.Tracking;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.core.simple.JdbcClient.StatementSpec;
import org.springframework.stereotype.Repository;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/** The append-only commission ledger. Rows are only ever inserted (a database trigger refuses the rest). */
@Repository
public class Ledger {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private static final TypeReference<Map<String, String>> STRINGS = new TypeReference<>() {
    };

    /** A conversion's own entry: neither a reversal nor an operator's decision on a held payout. */
    private static final String OWN = "reverses is null and resolves is null";

    private final JdbcClient jdbc;

    private final LedgerMeters meters;

    Ledger(JdbcClient jdbc, LedgerMeters meters) {
        this.jdbc = jdbc;
        this.meters = meters;
    }

    public void append(LedgerEntry entry) {
        appendAll(List.of(entry));
    }

    /**
     * Appends entries in their order with one statement: positions ascend in list order, as if appended one by one.
     * Every value travels as text and is cast by PostgreSQL, so amounts and times arrive exactly as written.
     */
    public void appendAll(List<LedgerEntry> entries) {
        if (entries.isEmpty()) {
            return;
        }
        List<Function<LedgerEntry, Object>> columns = List.of(LedgerEntry::entryId, LedgerEntry::inputEventId,
                LedgerEntry::postbackLogId, LedgerEntry::reverses, LedgerEntry::resolves, LedgerEntry::conversionKey,
                LedgerEntry::offerId, LedgerEntry::publisherId, LedgerEntry::clickId, LedgerEntry::playerId,
                LedgerEntry::campaign, entry -> entry.kind().name(), entry -> entry.status().name(), LedgerEntry::rule,
                LedgerEntry::dealVersion, entry -> entry.revenue().value().toPlainString(),
                entry -> entry.revenue().currency(), entry -> entry.publisherPayout().value().toPlainString(),
                entry -> entry.publisherPayout().currency(),
                entry -> entry.heldPayout() == null ? null : entry.heldPayout().value().toPlainString(),
                LedgerEntry::firstDeposit,
                entry -> entry.attribution().method() == null ? null : entry.attribution().method().name(),
                entry -> entry.attribution().warning(), entry -> entry.attribution().guessed(),
                entry -> JSON.writeValueAsString(columns(entry.reference())),
                entry -> JSON.writeValueAsString(entry.inputs()), LedgerEntry::occurredAt, LedgerEntry::recordedAt);
        StatementSpec statement = jdbc.sql("""
                insert into ledger_entries (entry_id, input_event_id, postback_log_id, reverses, resolves,
                    conversion_key, offer_id, publisher_id, click_id, player_id, campaign, kind, status, rule,
                    deal_version, revenue, revenue_currency, publisher_payout, payout_currency, held_payout,
                    first_deposit, attribution_method, attribution_warning, guessed_link, reference, inputs,
                    occurred_at, recorded_at)
                select entry_id, input_event_id, postback_log_id::bigint, reverses, resolves, conversion_key,
                    offer_id, publisher_id, click_id, player_id, campaign, kind, status, rule, deal_version::int,
                    revenue::numeric, revenue_currency, publisher_payout::numeric, payout_currency,
                    held_payout::numeric, first_deposit::boolean, attribution_method, attribution_warning,
                    guessed_link::boolean, reference::jsonb, inputs::jsonb, occurred_at::timestamptz,
                    recorded_at::timestamptz
                from unnest(?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[],
                    ?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[],
                    ?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[],
                    ?::text[], ?::text[])
                    with ordinality as entry(entry_id, input_event_id, postback_log_id, reverses, resolves,
                        conversion_key, offer_id, publisher_id, click_id, player_id, campaign, kind, status, rule,
                        deal_version, revenue, revenue_currency, publisher_payout, payout_currency, held_payout,
                        first_deposit, attribution_method, attribution_warning, guessed_link, reference, inputs,
                        occurred_at, recorded_at, n)
                order by n""");
        for (Function<LedgerEntry, Object> column : columns) {
            statement = statement.param(entries.stream()
                .map(column)
                .map(value -> value == null ? null : value.toString())
                .toArray(String[]::new));
        }
        statement.update();
        entries.forEach(meters::appended);
    }

    /**
     * Every entry of the given conversions, in the order they were appended: what a poll's rules consult about them
     * (their settling approvals, rejections, reversals and the operators' decisions, which all share the conversion's
     * key), read at once.
     */
    public List<LedgerEntry> entriesOfConversions(Collection<String> conversionKeys) {
        if (conversionKeys.isEmpty()) {
            return List.of();
        }
        return jdbc.sql("select * from ledger_entries where conversion_key = any(?) order by position")
            .param(conversionKeys.toArray(String[]::new))
            .query(Ledger::entry)
            .list();
    }

    /** The entry that reverses {@code entryId}, if one does. */
    public Optional<LedgerEntry> reversalOf(String entryId) {
        return jdbc.sql("select * from ledger_entries where reverses = :id")
            .param("id", entryId)
            .query(Ledger::entry)
            .optional();
    }

    /** The operator's decision on the payout {@code entryId} holds, if one was made. */
    public Optional<LedgerEntry> decisionOn(String entryId) {
        return jdbc.sql("select * from ledger_entries where resolves = :id")
            .param("id", entryId)
            .query(Ledger::entry)
            .optional();
    }

    /** Entries holding a publisher payout that no operator has decided on and nothing has reversed, oldest first. */
    public List<LedgerEntry> awaitingDecision(String offerId, String publisherId, String afterEntryId, int limit) {
        return jdbc.sql("""
                select * from ledger_entries e
                where e.held_payout is not null
                  and (cast(:offerId as text) is null or e.offer_id = :offerId)
                  and (cast(:publisherId as text) is null or e.publisher_id = :publisherId)
                  and (cast(:after as text) is null
                       or e.position > (select position from ledger_entries where entry_id = :after))
                  and not exists (select 1 from ledger_entries d
                                  where d.resolves = e.entry_id or d.reverses = e.entry_id)
                order by e.position
                limit :limit""")
            .param("offerId", offerId)
            .param("publisherId", publisherId)
            .param("after", afterEntryId)
            .param("limit", limit)
            .query(Ledger::entry)
            .list();
    }

    /**
     * Entries of {@code transactionId} whose payout waits for the gateway's confirmation, with no decision on it and
     * not reversed, oldest first.
     */
    public List<LedgerEntry> awaitingGatewayConfirmation(String transactionId) {
        return jdbc.sql("""
                select * from ledger_entries e
                where e.reference ->> 'transaction_id' = :transactionId
                  and e.inputs ->> 'held_until' = 'gateway_confirmation'
                  and e.held_payout is not null
                  and not exists (select 1 from ledger_entries d
                                  where d.resolves = e.entry_id or d.reverses = e.entry_id)
                order by e.position""")
            .param("transactionId", transactionId)
            .query(Ledger::entry)
            .list();
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

    /** Each conversion's own entry, without the reversals and decisions written against earlier entries. */
    List<LedgerEntry> conversions(LedgerQuery query) {
        return search(query, true);
    }

    /**
     * Everything written against the given entries, whenever it was written: their reversals, the operators'
     * decisions on their held payouts, and the reversals of those decisions.
     */
    List<LedgerEntry> adjustmentsOf(List<String> entryIds) {
        if (entryIds.isEmpty()) {
            return List.of();
        }
        return jdbc.sql("""
                with direct as (select * from ledger_entries where reverses in (:ids) or resolves in (:ids))
                select * from direct
                union all
                select e.* from ledger_entries e join direct d on e.reverses = d.entry_id
                order by position""")
            .param("ids", entryIds)
            .query(Ledger::entry)
            .list();
    }

    private List<LedgerEntry> search(LedgerQuery query, boolean ownEntriesOnly) {
        return jdbc.sql("""
                select * from ledger_entries
                where (not cast(:ownEntriesOnly as boolean) or (%s))
                  and (cast(:inputEventId as text) is null or input_event_id = :inputEventId)
                  and (cast(:offerId as text) is null or offer_id = :offerId)
                  and (cast(:publisherId as text) is null or publisher_id = :publisherId)
                  and (cast(:playerId as text) is null or player_id = :playerId)
                  and (cast(:from as timestamptz) is null or occurred_at >= :from)
                  and (cast(:to as timestamptz) is null or occurred_at < :to)
                  and (cast(:after as text) is null
                       or position %s (select position from ledger_entries where entry_id = :after))
                order by position %s
                limit :limit""".formatted(OWN, query.newestFirst() ? "<" : ">", query.newestFirst() ? "desc" : "asc"))
            .param("ownEntriesOnly", ownEntriesOnly)
            .param("inputEventId", query.inputEventId())
            .param("offerId", query.offerId())
            .param("publisherId", query.publisherId())
            .param("playerId", query.playerId())
            .param("from", timestamp(query.from()))
            .param("to", timestamp(query.to()))
            .param("after", query.afterEntryId())
            .param("limit", query.limit())
            .query(Ledger::entry)
            .list();
    }

    private static Timestamp timestamp(Instant instant) {
        return instant == null ? null : Timestamp.from(instant);
    }

    static LedgerEntry entry(ResultSet rs, int row) throws SQLException {
        String payoutCurrency = rs.getString("payout_currency");
        BigDecimal held = rs.getBigDecimal("held_payout");
        String method = rs.getString("attribution_method");
        return new LedgerEntry(rs.getString("entry_id"), rs.getString("input_event_id"),
                rs.getObject("postback_log_id", Long.class), rs.getString("reverses"), rs.getString("resolves"),
                rs.getString("conversion_key"), rs.getString("offer_id"), rs.getString("publisher_id"),
                rs.getString("click_id"), rs.getString("player_id"), rs.getString("campaign"),
                ConversionKind.valueOf(rs.getString("kind")), ConversionStatus.valueOf(rs.getString("status")),
                rs.getString("rule"), rs.getInt("deal_version"),
                new Amount(rs.getBigDecimal("revenue"), rs.getString("revenue_currency")),
                new Amount(rs.getBigDecimal("publisher_payout"), payoutCurrency),
                held == null ? null : new Amount(held, payoutCurrency), rs.getBoolean("first_deposit"),
                new Attribution(method == null ? null : AttributionMethod.valueOf(method),
                        rs.getString("attribution_warning"), rs.getBoolean("guessed_link")),
                reference(rs.getString("reference")), JSON.readValue(rs.getString("inputs"), STRINGS),
                rs.getTimestamp("occurred_at").toInstant(), rs.getTimestamp("recorded_at").toInstant());
    }

    /** The stored shape of a reference: its fields by name, the tracking ones flat. */
    private static Map<String, String> columns(ConversionReference reference) {
        Map<String, String> columns = new LinkedHashMap<>();
        columns.put("transaction_id", reference.transactionId());
        columns.put("external_offer_id", reference.externalOfferId());
        Tracking tracking = reference.tracking();
        columns.put("source", tracking.getSource());
        columns.put("campaign", tracking.getCampaign());
        columns.put("sub1", tracking.getSub1());
        columns.put("sub2", tracking.getSub2());
        columns.put("sub3", tracking.getSub3());
        columns.put("sub4", tracking.getSub4());
        columns.put("sub5", tracking.getSub5());
        return columns;
    }

    private static ConversionReference reference(String json) {
        Map<String, String> columns = json == null ? Map.of() : JSON.readValue(json, STRINGS);
        return new ConversionReference(columns.get("transaction_id"), columns.get("external_offer_id"),
                new Tracking(columns.get("source"), columns.get("campaign"), columns.get("sub1"), columns.get("sub2"),
                        columns.get("sub3"), columns.get("sub4"), columns.get("sub5")));
    }
}
