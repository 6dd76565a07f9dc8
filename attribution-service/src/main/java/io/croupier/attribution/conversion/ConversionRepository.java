package io.croupier.attribution.conversion;

import java.math.BigDecimal;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Function;

import io.croupier.events.ConversionReported;
import io.croupier.events.Money;
import io.croupier.schemas.Topics;
import io.croupier.schemas.serde.AvroSingleObjectDeserializer;
import io.croupier.schemas.serde.AvroSingleObjectSerializer;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The conversions table: every reported conversion, its encoded event and the attribution decided for it. Updates
 * never touch a row that is already attributed, which is what makes attribution happen at most once however many
 * paths (new click, new player link, scheduled retry, another instance) reach the same conversion.
 */
@Repository
class ConversionRepository {

    private static final String PARKED_COLUMNS = "payload, order_key, grace_until, checks";

    private final JdbcClient jdbc;

    private final AvroSingleObjectSerializer serializer = new AvroSingleObjectSerializer();

    private final AvroSingleObjectDeserializer deserializer = new AvroSingleObjectDeserializer();

    ConversionRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    boolean insert(ConversionReported conversion, Instant receivedAt, Instant graceUntil) {
        Money amount = conversion.getAmount();
        return jdbc.sql("""
                insert into conversions (event_id, payload, postback_log_id, order_key, kind, status, offer_id,
                                         click_id, player_id, sub_id, amount, currency, occurred_at, reported_at,
                                         received_at, grace_until, state)
                values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'PENDING')
                on conflict (event_id, reported_at) do nothing""")
            .params(conversion.getEventId(), serializer.serialize(Topics.CONVERSIONS_REPORTED.name(), conversion),
                    conversion.getPostbackLogId(), conversion.getOrderKey(),
                    conversion.getKind().name(), conversion.getStatus().name(), conversion.getOfferId(),
                    conversion.getClickId(), conversion.getPlayerId(), conversion.getSubId(),
                    amount == null ? null : new BigDecimal(amount.getAmount()),
                    amount == null ? null : amount.getCurrency(), Timestamp.from(conversion.getOccurredAt()),
                    Timestamp.from(conversion.getReceivedAt()), Timestamp.from(receivedAt), Timestamp.from(graceUntil))
            .update() == 1;
    }

    /**
     * The event ids of these conversions that are stored already. They are looked for only in the months their events
     * were reported in (a poll's span, usually one month), not in every month kept.
     */
    Set<String> stored(Collection<ConversionReported> conversions) {
        if (conversions.isEmpty()) {
            return new HashSet<>();
        }
        List<Instant> reported = conversions.stream().map(ConversionReported::getReceivedAt).sorted().toList();
        return new HashSet<>(jdbc.sql("""
                select event_id from conversions
                 where event_id = any(?::text[]) and reported_at between ? and ?""")
            .param(conversions.stream().map(ConversionReported::getEventId).toArray(String[]::new))
            .param(Timestamp.from(reported.get(0)))
            .param(Timestamp.from(reported.get(reported.size() - 1)))
            .query(String.class)
            .list());
    }

    /**
     * Inserts the conversions with the decisions reached for them, in their order, in one statement.
     *
     * @return how many were inserted: fewer when one was stored meanwhile
     */
    int insertAll(Collection<NewConversion> received) {
        if (received.isEmpty()) {
            return 0;
        }
        return jdbc.sql("""
                insert into conversions (event_id, payload, postback_log_id, order_key, kind, status, offer_id,
                                         click_id, player_id, sub_id, amount, currency, occurred_at, reported_at,
                                         received_at, grace_until, state, reason, next_check_at, checks, method,
                                         attributed_offer_id, publisher_id, attributed_click_id, warning, guessed,
                                         attributed_at)
                select c.event_id, c.payload, c.postback_log_id, c.order_key, c.kind, c.status, c.offer_id,
                       c.click_id, c.player_id, c.sub_id, c.amount, c.currency, epoch + c.occurred_at * micro,
                       epoch + c.reported_at * micro, epoch + c.received_at * micro, epoch + c.grace_until * micro, c.state, c.reason,
                       epoch + c.next_check_at * micro, c.checks, c.method, c.attributed_offer_id, c.publisher_id,
                       c.attributed_click_id, c.warning, c.guessed, epoch + c.attributed_at * micro
                  from unnest(?::text[], ?::bytea[], ?::bigint[], ?::text[], ?::text[], ?::text[], ?::text[],
                              ?::text[], ?::text[], ?::text[], ?::numeric[], ?::text[], ?::bigint[], ?::bigint[],
                              ?::bigint[], ?::bigint[], ?::text[], ?::text[], ?::bigint[], ?::int[], ?::text[], ?::text[],
                              ?::text[], ?::text[], ?::text[], ?::boolean[], ?::bigint[])
                       with ordinality as c(event_id, payload, postback_log_id, order_key, kind, status, offer_id,
                                            click_id, player_id, sub_id, amount, currency, occurred_at,
                                            reported_at, received_at, grace_until, state, reason, next_check_at, checks, method,
                                            attributed_offer_id, publisher_id, attributed_click_id, warning,
                                            guessed, attributed_at, ord),
                       -- Instants travel as microseconds since the epoch: exact, and no time zone to agree on.
                       (select timestamptz 'epoch' as epoch, interval '1 microsecond' as micro) as units
                 order by c.ord
                on conflict (event_id, reported_at) do nothing""")
            .param(column(received, c -> c.conversion().getEventId()))
            .param(received.stream()
                .map(c -> serializer.serialize(Topics.CONVERSIONS_REPORTED.name(), c.conversion()))
                .toArray(byte[][]::new))
            .param(received.stream().map(c -> c.conversion().getPostbackLogId()).toArray(Long[]::new))
            .param(column(received, c -> c.conversion().getOrderKey()))
            .param(column(received, c -> c.conversion().getKind().name()))
            .param(column(received, c -> c.conversion().getStatus().name()))
            .param(column(received, c -> c.conversion().getOfferId()))
            .param(column(received, c -> c.conversion().getClickId()))
            .param(column(received, c -> c.conversion().getPlayerId()))
            .param(column(received, c -> c.conversion().getSubId()))
            .param(column(received, c -> c.conversion().getAmount() == null ? null
                    : c.conversion().getAmount().getAmount()))
            .param(column(received, c -> c.conversion().getAmount() == null ? null
                    : c.conversion().getAmount().getCurrency()))
            .param(micros(received, c -> c.conversion().getOccurredAt()))
            .param(micros(received, c -> c.conversion().getReceivedAt()))
            .param(micros(received, NewConversion::receivedAt))
            .param(micros(received, NewConversion::graceUntil))
            .param(column(received, NewConversion::state))
            .param(column(received, c -> c.reason() == null ? null : c.reason().name()))
            .param(micros(received, NewConversion::nextCheckAt))
            .param(received.stream().map(NewConversion::checks).toArray(Integer[]::new))
            .param(column(received, c -> c.attributed() == null ? null : c.attributed().method().name()))
            .param(column(received, c -> c.attributed() == null ? null : c.attributed().offerId()))
            .param(column(received, c -> c.attributed() == null ? null : c.attributed().origin().publisherId()))
            .param(column(received, c -> c.attributed() == null ? null : c.attributed().origin().clickId()))
            .param(column(received, c -> c.attributed() == null ? null : c.attributed().warning()))
            .param(received.stream().map(c -> c.attributed() != null && c.attributed().guessed())
                .toArray(Boolean[]::new))
            .param(micros(received, NewConversion::attributedAt))
            .update();
    }

    private static String[] column(Collection<NewConversion> received, Function<NewConversion, String> field) {
        return received.stream().map(field).toArray(String[]::new);
    }

    private static Long[] micros(Collection<NewConversion> received, Function<NewConversion, Instant> field) {
        return received.stream()
            .map(field)
            .map(instant -> instant == null ? null : ChronoUnit.MICROS.between(Instant.EPOCH, instant))
            .toArray(Long[]::new);
    }

    /**
     * Locks the conversions that wait for any of these clicks, in the order they were accepted; rows another
     * transaction holds are its.
     */
    List<ParkedConversion> lockWaitingForClicks(String[] clickIds) {
        return jdbc.sql("select " + PARKED_COLUMNS + """
                 from conversions
                where click_id = any(?::text[]) and state <> 'ATTRIBUTED' and next_check_at is not null
                order by postback_log_id nulls first, seq for update skip locked""")
            .param(clickIds)
            .query(this::map)
            .list();
    }

    /** Locks the conversions of a player that wait for the player's link, in the order they were accepted. */
    List<ParkedConversion> lockWaitingForPlayer(String offerId, String playerId) {
        return jdbc.sql("select " + PARKED_COLUMNS + """
                 from conversions
                where offer_id = ? and player_id = ? and state <> 'ATTRIBUTED' and next_check_at is not null
                order by postback_log_id nulls first, seq for update skip locked""")
            .param(offerId)
            .param(playerId)
            .query(this::map)
            .list();
    }

    /**
     * Locks the conversions that wait for the link of any of these players (the same index of each list is one
     * player), in the order they were accepted.
     */
    List<ParkedConversion> lockWaitingForPlayers(List<String> offerIds, List<String> playerIds) {
        return jdbc.sql("select " + PARKED_COLUMNS + """
                 from conversions join unnest(?::text[], ?::text[]) as linked(offer_id, player_id)
                using (offer_id, player_id)
                where state <> 'ATTRIBUTED' and next_check_at is not null
                order by postback_log_id nulls first, seq for update skip locked""")
            .param(offerIds.toArray(String[]::new))
            .param(playerIds.toArray(String[]::new))
            .query(this::map)
            .list();
    }

    /** Locks up to {@code limit} conversions due for another check, in the order they were accepted. */
    List<ParkedConversion> lockDue(Instant now, int limit) {
        return jdbc.sql("select " + PARKED_COLUMNS + """
                 from conversions
                where next_check_at <= ? and state <> 'ATTRIBUTED'
                order by postback_log_id nulls first, seq limit ? for update skip locked""")
            .param(Timestamp.from(now))
            .param(limit)
            .query(this::map)
            .list();
    }

    /**
     * Locks the conversions accepted after {@code postbackLogId} that share one of {@code keys} and were parked
     * behind an earlier one, in the order they were accepted.
     */
    List<ParkedConversion> lockFollowers(OrderKeys keys, long postbackLogId) {
        return jdbc.sql("select " + PARKED_COLUMNS + """
                 from conversions
                where event_id in (select event_id from waiting_order_keys
                                    where order_key = any(?::text[]) and postback_log_id > ?
                                      and reason = 'WAITING_FOR_EARLIER')
                  and state <> 'ATTRIBUTED' and next_check_at is not null
                order by postback_log_id for update skip locked""")
            .param(keys.array())
            .param(postbackLogId)
            .query(this::map)
            .list();
    }

    /** @return {@code false} if the conversion was already attributed, in which case nothing may be emitted */
    boolean markAttributed(ConversionReported conversion, Decision.Attributed decision, Instant now) {
        return jdbc.sql("""
                update conversions
                   set state = 'ATTRIBUTED', reason = null, next_check_at = null, method = ?,
                       attributed_offer_id = ?, publisher_id = ?, attributed_click_id = ?, warning = ?, guessed = ?,
                       attributed_at = ?
                 where event_id = ? and reported_at = ? and state <> 'ATTRIBUTED'""")
            .params(decision.method().name(), decision.offerId(), decision.origin().publisherId(),
                    decision.origin().clickId(), decision.warning(), decision.guessed(), Timestamp.from(now),
                    conversion.getEventId(), Timestamp.from(conversion.getReceivedAt()))
            .update() == 1;
    }

    /** @return {@code false} if the conversion was attributed meanwhile */
    boolean markWaiting(ConversionReported conversion, String state, UnattributedReason reason,
            Instant nextCheckAt) {
        return jdbc.sql("""
                update conversions set state = ?, reason = ?, next_check_at = ?, checks = checks + 1
                 where event_id = ? and reported_at = ? and state <> 'ATTRIBUTED'""")
            .params(state, reason.name(), nextCheckAt == null ? null : Timestamp.from(nextCheckAt),
                    conversion.getEventId(), Timestamp.from(conversion.getReceivedAt()))
            .update() == 1;
    }

    List<ConversionView> unattributed(String offerId, long afterSeq, int limit) {
        return jdbc.sql("select " + ConversionView.COLUMNS + """
                 from conversions
                where state = 'UNATTRIBUTED' and seq > :after and (cast(:offer as text) is null or offer_id = :offer)
                order by seq limit :limit""")
            .param("after", afterSeq)
            .param("offer", offerId)
            .param("limit", limit)
            .query(ConversionView::map)
            .list();
    }

    /**
     * The conversions still re-checked (parked: neither attributed nor given up for a permanent reason), oldest first,
     * of one reason or all.
     */
    List<ConversionView> parked(String reason, long afterSeq, int limit) {
        return jdbc.sql("select " + ConversionView.COLUMNS + """
                 from conversions
                where next_check_at is not null and state <> 'ATTRIBUTED' and seq > :after
                  and (cast(:reason as text) is null or reason = :reason)
                order by seq limit :limit""")
            .param("after", afterSeq)
            .param("reason", reason)
            .param("limit", limit)
            .query(ConversionView::map)
            .list();
    }

    /** How many conversions are parked now, per reason. */
    Map<String, Long> parkedByReason() {
        Map<String, Long> counts = new TreeMap<>();
        jdbc.sql("""
                select reason, count(*) as conversions from conversions
                where next_check_at is not null and state <> 'ATTRIBUTED' group by reason""")
            .query(rs -> {
                counts.put(rs.getString("reason"), rs.getLong("conversions"));
            });
        return counts;
    }

    /** The conversions attributed to a click or naming it. */
    List<ConversionView> ofClick(String clickId) {
        return jdbc.sql("select " + ConversionView.COLUMNS + """
                 from conversions
                where attributed_click_id = :click or click_id = :click order by seq""")
            .param("click", clickId)
            .query(ConversionView::map)
            .list();
    }

    private ParkedConversion map(ResultSet rs, int row) throws SQLException {
        ConversionReported conversion = (ConversionReported) deserializer
            .deserialize(Topics.CONVERSIONS_REPORTED.name(), rs.getBytes("payload"));
        // Stored before the event carried it; the migration derived it.
        if (conversion.getOrderKey() == null) {
            conversion.setOrderKey(rs.getString("order_key"));
        }
        return new ParkedConversion(conversion, rs.getTimestamp("grace_until").toInstant(), rs.getInt("checks"));
    }
}
