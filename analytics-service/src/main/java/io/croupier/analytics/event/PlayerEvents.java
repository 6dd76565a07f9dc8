package io.croupier.analytics.event;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.croupier.analytics.player.ActivePlayers;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Transactional;

/** Player events in PostgreSQL: stored once per client retry, read newest first by keyset, counted per day. */
@Repository
class PlayerEvents {

    private static final String COLUMNS = """
            id, player_id, event_type, meta, occurred_at, offer_id, house, client_event_id, received_at""";

    private final JdbcClient jdbc;

    private final ActivePlayers activePlayers;

    PlayerEvents(JdbcClient jdbc, ActivePlayers activePlayers) {
        this.jdbc = jdbc;
        this.activePlayers = activePlayers;
    }

    /** Stores the event, or returns the one stored by an earlier delivery of the same client event. */
    @Transactional
    PlayerEvent record(NewPlayerEvent event, Instant occurredAt) {
        List<PlayerEvent> inserted = jdbc.sql("""
                insert into player_events (player_id, event_type, meta, occurred_at, offer_id, house, client_event_id)
                values (:player, :type, :meta, :occurredAt, :offer, :house, :eventId)
                on conflict (player_id, client_event_id, occurred_at) where client_event_id is not null do nothing
                returning %s""".formatted(COLUMNS))
            .param("player", event.playerId())
            .param("type", event.eventType())
            .param("meta", event.meta())
            .param("occurredAt", Timestamp.from(occurredAt))
            .param("offer", event.offerId())
            .param("house", event.house())
            .param("eventId", event.eventId())
            .query(PlayerEvents::event)
            .list();
        if (!inserted.isEmpty()) {
            activePlayers.learn(event.playerId(), occurredAt);
            return inserted.get(0);
        }
        return jdbc.sql("""
                select %s from player_events
                where player_id = :player and client_event_id = :eventId and occurred_at = :occurredAt"""
            .formatted(COLUMNS))
            .param("player", event.playerId())
            .param("eventId", event.eventId())
            .param("occurredAt", Timestamp.from(occurredAt))
            .query(PlayerEvents::event)
            .single();
    }

    /** Up to {@code limit} events, newest first, strictly before {@code before} when given. */
    List<PlayerEvent> newestFirst(String playerId, String eventType, EventCursor before, int limit) {
        List<String> conditions = new ArrayList<>();
        Map<String, Object> params = new LinkedHashMap<>();
        if (playerId != null) {
            conditions.add("player_id = :player");
            params.put("player", playerId);
        }
        if (eventType != null) {
            conditions.add("event_type = :type");
            params.put("type", eventType);
        }
        if (before != null) {
            conditions.add("(occurred_at, id) < (:beforeTime, :beforeId)");
            params.put("beforeTime", Timestamp.from(before.occurredAt()));
            params.put("beforeId", before.id());
        }
        params.put("limit", limit);
        String where = conditions.isEmpty() ? "" : "where " + String.join(" and ", conditions);
        return jdbc.sql("select %s from player_events %s order by occurred_at desc, id desc limit :limit"
            .formatted(COLUMNS, where))
            .params(params)
            .query(PlayerEvents::event)
            .list();
    }

    /** Events and distinct players per UTC day and event type, days from {@code from} to {@code to} inclusive. */
    List<EventStat> stats(LocalDate from, LocalDate to, String playerId, String eventType) {
        StringBuilder where = new StringBuilder("occurred_at >= :from and occurred_at < :to");
        Map<String, Object> params = new LinkedHashMap<>();
        params.put("from", startOf(from));
        params.put("to", startOf(to.plusDays(1)));
        if (playerId != null) {
            where.append(" and player_id = :player");
            params.put("player", playerId);
        }
        if (eventType != null) {
            where.append(" and event_type = :type");
            params.put("type", eventType);
        }
        return jdbc.sql("""
                select (occurred_at at time zone 'UTC')::date as day, event_type,
                       count(*) as events, count(distinct player_id) as players
                from player_events where %s
                group by 1, 2 order by 1 desc, 2""".formatted(where))
            .params(params)
            .query((rs, n) -> new EventStat(rs.getObject("day", LocalDate.class), rs.getString("event_type"),
                    rs.getLong("events"), rs.getLong("players")))
            .list();
    }

    private static Timestamp startOf(LocalDate day) {
        return Timestamp.from(day.atStartOfDay(ZoneOffset.UTC).toInstant());
    }

    private static PlayerEvent event(ResultSet rs, int row) throws SQLException {
        return new PlayerEvent(rs.getLong("id"), rs.getString("player_id"), rs.getString("event_type"),
                rs.getString("meta"), rs.getObject("occurred_at", OffsetDateTime.class).toInstant(),
                rs.getString("offer_id"), rs.getString("house"), rs.getString("client_event_id"),
                rs.getObject("received_at", OffsetDateTime.class).toInstant());
    }
}
