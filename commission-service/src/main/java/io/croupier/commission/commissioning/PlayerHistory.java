package io.croupier.commission.commissioning;

import java.math.BigDecimal;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import io.croupier.commission.money.Amount;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * Players' CPA registrations and carried RevShare loss under one offer. A poll reads the histories of all its players
 * at once ({@link #of}), its conversions read and change them in memory in order, and the changes are written at the
 * end of the poll ({@link Histories#write}). Callers hold the players' locks (see {@link ConversionLocks}), so nothing
 * else changes these histories in between.
 */
@Repository
class PlayerHistory {

    private final JdbcClient jdbc;

    PlayerHistory(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** The histories of the given conversions' players, in two queries. */
    Histories of(Collection<Conversion> conversions) {
        List<String> offers = new ArrayList<>();
        List<String> players = new ArrayList<>();
        conversions.stream()
            .filter(conversion -> conversion.playerKey() != null)
            .map(conversion -> new Player(conversion.offerId(), conversion.playerKey()))
            .distinct()
            .forEach(player -> {
                offers.add(player.offerId());
                players.add(player.playerKey());
            });
        Histories histories = new Histories();
        if (players.isEmpty()) {
            return histories;
        }
        String[] offerIds = offers.toArray(String[]::new);
        String[] playerKeys = players.toArray(String[]::new);
        jdbc.sql("""
                select offer_id, player_key, count(*) filter (where qualified_by_entry is null) as open,
                       count(*) filter (where qualified_by_entry is not null) as qualified
                from cpa_registrations
                where (offer_id, player_key) in (select * from unnest(?::text[], ?::text[]))
                group by offer_id, player_key""")
            .param(offerIds)
            .param(playerKeys)
            .query(rs -> {
                History history = histories.of(rs.getString("offer_id"), rs.getString("player_key"));
                history.open = rs.getInt("open");
                history.qualified = rs.getInt("qualified");
            });
        jdbc.sql("""
                select offer_id, player_key, currency, carried_loss from revshare_carried_losses
                where (offer_id, player_key) in (select * from unnest(?::text[], ?::text[]))""")
            .param(offerIds)
            .param(playerKeys)
            .query(rs -> {
                histories.of(rs.getString("offer_id"), rs.getString("player_key")).carriedLosses
                    .put(rs.getString("currency"), rs.getBigDecimal("carried_loss"));
            });
        return histories;
    }

    private record Player(String offerId, String playerKey) {
    }

    /** One player's registrations and carried losses, as the conversions applied so far left them. */
    private static final class History {

        private int open;

        private int qualified;

        private final Map<String, BigDecimal> carriedLosses = new HashMap<>();
    }

    /** A poll's player histories in memory, and the changes its conversions made to them. */
    final class Histories {

        private final Map<Player, History> players = new HashMap<>();

        private final List<Runnable> changes = new ArrayList<>();

        private History of(String offerId, String playerKey) {
            return players.computeIfAbsent(new Player(offerId, playerKey), player -> new History());
        }

        PlayerState state(String offerId, String playerKey, String currency) {
            if (playerKey == null) {
                return PlayerState.UNKNOWN;
            }
            History history = of(offerId, playerKey);
            BigDecimal carried = history.carriedLosses.get(currency);
            return new PlayerState(history.open > 0, history.qualified > 0,
                    carried == null ? null : new Amount(carried, currency));
        }

        /** What an approved conversion's assessment changes in the player's history. */
        void apply(Assessment assessment, Conversion conversion, String entryId) {
            String offerId = conversion.offerId();
            String playerKey = conversion.playerKey();
            if (playerKey == null) {
                return;
            }
            History history = of(offerId, playerKey);
            if (assessment.effect() == Assessment.Effect.RECORD_REGISTRATION
                    && (conversion.keyedByAffiliate() || history.open + history.qualified == 0)) {
                history.open++;
                changes.add(() -> recordRegistration(offerId, playerKey, conversion.eventId(),
                        conversion.occurredAt()));
            }
            if (assessment.effect() == Assessment.Effect.QUALIFY_REGISTRATION && history.open > 0) {
                history.open--;
                history.qualified++;
                changes.add(() -> qualifyOldestRegistration(offerId, playerKey, entryId));
            }
            Amount carriedLoss = assessment.carriedLossAfter();
            if (carriedLoss != null) {
                history.carriedLosses.put(carriedLoss.currency(), carriedLoss.value());
                changes.add(() -> carryLoss(offerId, playerKey, carriedLoss));
            }
        }

        /** Writes the changes in the order they were made, once the entries they name are in the ledger. */
        void write() {
            changes.forEach(Runnable::run);
            changes.clear();
        }
    }

    private void recordRegistration(String offerId, String playerKey, String inputEventId, Instant at) {
        jdbc.sql("""
                insert into cpa_registrations (offer_id, player_key, input_event_id, registered_at)
                values (:offerId, :playerKey, :inputEventId, :at)""")
            .param("offerId", offerId)
            .param("playerKey", playerKey)
            .param("inputEventId", inputEventId)
            .param("at", Timestamp.from(at))
            .update();
    }

    /** Seed 003 under a sub id: a qualifying deposit consumes the oldest registration that has not yet qualified. */
    private void qualifyOldestRegistration(String offerId, String playerKey, String entryId) {
        jdbc.sql("""
                update cpa_registrations set qualified_by_entry = :entryId
                where id = (select id from cpa_registrations
                            where offer_id = :offerId and player_key = :playerKey and qualified_by_entry is null
                            order by id limit 1)""")
            .param("offerId", offerId)
            .param("playerKey", playerKey)
            .param("entryId", entryId)
            .update();
    }

    private void carryLoss(String offerId, String playerKey, Amount carriedLoss) {
        jdbc.sql("""
                insert into revshare_carried_losses (offer_id, player_key, currency, carried_loss)
                values (:offerId, :playerKey, :currency, :loss)
                on conflict (offer_id, player_key, currency) do update set carried_loss = excluded.carried_loss""")
            .param("offerId", offerId)
            .param("playerKey", playerKey)
            .param("currency", carriedLoss.currency())
            .param("loss", carriedLoss.value())
            .update();
    }
}
