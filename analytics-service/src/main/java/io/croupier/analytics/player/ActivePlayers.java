package io.croupier.analytics.player;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.Collection;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * Each UTC day's active players ({@code active_players}): a player is active on a day with a session starting or a
 * player event on it. Kept in the transaction of the fact that makes them active, so the pipeline's ARPDAU counts a
 * day's players without deduplicating every session of the day. A player event dropped with its month by retention
 * leaves its day as it was: past reports do not change under the reader.
 */
@Component
public class ActivePlayers {

    private final JdbcClient jdbc;

    ActivePlayers(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** The player was active at {@code at} (a player event). */
    @Transactional(propagation = Propagation.MANDATORY)
    public void learn(String playerId, Instant at) {
        jdbc.sql("""
                insert into active_players (day, player_id) values ((:at at time zone 'UTC')::date, :player)
                on conflict do nothing""")
            .param("at", Timestamp.from(at))
            .param("player", playerId)
            .update();
    }

    /** Learns from the sessions one import wrote. */
    @Transactional(propagation = Propagation.MANDATORY)
    public void learnFromImportedSessions(long importId) {
        jdbc.sql("""
                insert into active_players (day, player_id)
                select distinct (started_at at time zone 'UTC')::date, player_id from sessions
                where import_id = :importId
                on conflict do nothing""")
            .param("importId", importId)
            .update();
    }

    /**
     * Works the players' active days out again from their sessions and events, after sessions were replaced: a
     * replaced session may have moved to another day, or to another player.
     */
    @Transactional(propagation = Propagation.MANDATORY)
    public void recompute(Collection<String> players) {
        if (players.isEmpty()) {
            return;
        }
        String[] ids = players.toArray(String[]::new);
        jdbc.sql("delete from active_players where player_id = any(:players)").param("players", ids).update();
        jdbc.sql("""
                insert into active_players (day, player_id)
                select (started_at at time zone 'UTC')::date, player_id from sessions where player_id = any(:players)
                union
                select (occurred_at at time zone 'UTC')::date, player_id from player_events
                where player_id = any(:players)""")
            .param("players", ids)
            .update();
    }
}
