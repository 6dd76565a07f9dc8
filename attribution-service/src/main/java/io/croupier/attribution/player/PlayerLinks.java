package io.croupier.attribution.player;

import java.util.Optional;

import io.croupier.attribution.click.TrackingColumns;
import io.croupier.events.AttributionMethod;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The player_links table. The first link of a player wins; a player never moves to another click or publisher. */
@Repository
public class PlayerLinks {

    private final JdbcClient jdbc;

    PlayerLinks(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public Optional<PlayerLink> find(String offerId, String playerId) {
        return jdbc.sql("select offer_id, player_id, click_id, publisher_id, " + TrackingColumns.NAMES
                + ", method, linked_by from player_links where offer_id = ? and player_id = ?")
            .param(offerId)
            .param(playerId)
            .query((rs, n) -> new PlayerLink(rs.getString("offer_id"), rs.getString("player_id"),
                    rs.getString("click_id"), rs.getString("publisher_id"), TrackingColumns.read(rs),
                    AttributionMethod.valueOf(rs.getString("method")), rs.getString("linked_by")))
            .optional();
    }

    /** @return {@code true} if this made the link, {@code false} if the player was already linked */
    public boolean link(PlayerLink link) {
        return jdbc.sql("insert into player_links (offer_id, player_id, click_id, publisher_id, "
                + TrackingColumns.NAMES + """
                , method, linked_by)
                values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                on conflict (offer_id, player_id) do nothing""")
            .params(link.offerId(), link.playerId(), link.clickId(), link.publisherId())
            .params(TrackingColumns.values(link.tracking()))
            .params(link.method().name(), link.linkedBy())
            .update() == 1;
    }

    /**
     * Notes that the player deposited.
     *
     * @return {@code true} only for the player's first deposit seen
     */
    boolean recordDeposit(String offerId, String playerId) {
        return jdbc.sql("""
                update player_links set deposited = true
                 where offer_id = ? and player_id = ? and not deposited""")
            .param(offerId)
            .param(playerId)
            .update() == 1;
    }

    /**
     * Marks the player's first deposit as counted in the funnel.
     *
     * @return {@code true} only the first time, so a player adds at most one first deposit to the funnel
     */
    public boolean claimFirstDeposit(String offerId, String playerId) {
        return jdbc.sql("""
                update player_links set first_deposit_counted = true
                 where offer_id = ? and player_id = ? and not first_deposit_counted""")
            .param(offerId)
            .param(playerId)
            .update() == 1;
    }
}
