package io.croupier.commission.commissioning;

import java.math.BigDecimal;
import java.sql.Timestamp;
import java.time.Instant;

import io.croupier.commission.money.Amount;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * A player's CPA registrations and carried RevShare loss under one offer. Callers hold the player's lock (see
 * {@link ConversionLocks}), so a read followed by a write cannot interleave with another event of the same player.
 */
@Repository
class PlayerHistory {

    private final JdbcClient jdbc;

    PlayerHistory(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    PlayerState state(String offerId, String playerKey, String currency) {
        if (playerKey == null) {
            return PlayerState.UNKNOWN;
        }
        record Registrations(boolean open, boolean qualified) {
        }
        Registrations registrations = jdbc.sql("""
                select coalesce(bool_or(qualified_by_entry is null), false) as open,
                       coalesce(bool_or(qualified_by_entry is not null), false) as qualified
                from cpa_registrations where offer_id = :offerId and player_key = :playerKey""")
            .param("offerId", offerId)
            .param("playerKey", playerKey)
            .query((rs, n) -> new Registrations(rs.getBoolean("open"), rs.getBoolean("qualified")))
            .single();
        BigDecimal carried = jdbc.sql("""
                select carried_loss from revshare_carried_losses
                where offer_id = :offerId and player_key = :playerKey and currency = :currency""")
            .param("offerId", offerId)
            .param("playerKey", playerKey)
            .param("currency", currency)
            .query(BigDecimal.class)
            .optional()
            .orElse(null);
        return new PlayerState(registrations.open(), registrations.qualified(),
                carried == null ? null : new Amount(carried, currency));
    }

    /** Writes what an approved conversion's assessment changes in the player's history. */
    void apply(Assessment assessment, Conversion conversion, String entryId) {
        String playerKey = conversion.playerKey();
        if (assessment.effect() == Assessment.Effect.RECORD_REGISTRATION) {
            recordRegistration(conversion.offerId(), playerKey, conversion.eventId(), conversion.occurredAt());
        }
        if (assessment.effect() == Assessment.Effect.QUALIFY_REGISTRATION) {
            qualifyOldestRegistration(conversion.offerId(), playerKey, entryId);
        }
        if (assessment.carriedLossAfter() != null) {
            carryLoss(conversion.offerId(), playerKey, assessment.carriedLossAfter());
        }
    }

    /**
     * Records a registration. A player known by its own id registers once; under a sub id (seed 003), every
     * registration is another player of that affiliate and may qualify one CPA of its own.
     */
    private void recordRegistration(String offerId, String playerKey, String inputEventId, Instant at) {
        if (playerKey == null) {
            return;
        }
        jdbc.sql("""
                insert into cpa_registrations (offer_id, player_key, input_event_id, registered_at)
                select :offerId, :playerKey, :inputEventId, :at
                where cast(:manyPlayers as boolean) or not exists (
                    select 1 from cpa_registrations where offer_id = :offerId and player_key = :playerKey)""")
            .param("offerId", offerId)
            .param("playerKey", playerKey)
            .param("inputEventId", inputEventId)
            .param("at", Timestamp.from(at))
            .param("manyPlayers", playerKey.startsWith("sub:"))
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
        if (playerKey == null) {
            return;
        }
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
