package io.croupier.analytics.player;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.Collection;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * Each player's campaign: the campaign named by the earliest fact about the player that names one (a provider's
 * purchase, a session, a Croupier deposit), the alphabetically first on a tie. Facts that name no campaign are counted
 * under it. Kept as a table, updated as facts arrive, so the pipeline never has to search a player's history.
 */
@Component
public class PlayerCampaigns {

    /** The rule, applied to a candidate ({@code excluded}) against what is stored. */
    private static final String EARLIER_WINS = """
            on conflict (player_id) do update set campaign = excluded.campaign, seen_at = excluded.seen_at
            where (excluded.seen_at, excluded.campaign) < (player_campaigns.seen_at, player_campaigns.campaign)""";

    private final JdbcClient jdbc;

    PlayerCampaigns(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @Transactional(propagation = Propagation.MANDATORY)
    public void learn(String playerId, String campaign, Instant seenAt) {
        if (playerId == null || campaign == null) {
            return;
        }
        jdbc.sql("insert into player_campaigns (player_id, campaign, seen_at) values (:player, :campaign, :seenAt) "
                + EARLIER_WINS)
            .param("player", playerId)
            .param("campaign", campaign)
            .param("seenAt", Timestamp.from(seenAt))
            .update();
    }

    /** Learns from the rows one import wrote into {@code facts}; columns are the table's own names. */
    @Transactional(propagation = Propagation.MANDATORY)
    public void learnFromImport(CampaignFacts facts, long importId) {
        jdbc.sql("""
                insert into player_campaigns (player_id, campaign, seen_at)
                select distinct on (%1$s) %1$s, %2$s, %3$s from %4$s
                where import_id = :importId and %2$s is not null
                order by %1$s, %3$s, %2$s
                %5$s""".formatted(facts.playerColumn(), facts.campaignColumn(), facts.timeColumn(), facts.table(),
                EARLIER_WINS))
            .param("importId", importId)
            .update();
    }

    /** Works the players' campaigns out again from every fact, after facts were replaced. */
    @Transactional(propagation = Propagation.MANDATORY)
    public void recompute(Collection<String> players) {
        if (players.isEmpty()) {
            return;
        }
        String[] ids = players.toArray(String[]::new);
        jdbc.sql("delete from player_campaigns where player_id = any(:players)").param("players", ids).update();
        jdbc.sql("""
                insert into player_campaigns (player_id, campaign, seen_at)
                select distinct on (player_id) player_id, campaign, seen_at from (
                    select player_id, campaign, occurred_at as seen_at from provider_purchases
                    where player_id = any(:players) and campaign is not null
                    union all
                    select player_id, campaign, started_at from sessions
                    where player_id = any(:players) and campaign is not null
                    union all
                    select player_id, campaign, occurred_at from croupier_deposits
                    where player_id = any(:players) and campaign is not null) facts
                order by player_id, seen_at, campaign""")
            .param("players", ids)
            .update();
    }

    /**
     * Where an imported table keeps the facts a campaign can be learnt from.
     *
     * @param table the imported table
     * @param playerColumn the player's id
     * @param campaignColumn the campaign, null when the row names none
     * @param timeColumn when the fact happened
     */
    public record CampaignFacts(String table, String playerColumn, String campaignColumn, String timeColumn) {
    }
}
