package io.croupier.attribution.player;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

import io.croupier.attribution.click.TrackingColumns;
import io.croupier.events.AttributionMethod;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The player_links table. The first link of a player wins; a player never moves to another click or publisher. */
@Repository
public class PlayerLinks implements DepositHistory {

    private static final String COLUMNS = "offer_id, player_id, click_id, publisher_id, " + TrackingColumns.NAMES
            + ", method, linked_by";

    private final JdbcClient jdbc;

    PlayerLinks(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public Optional<PlayerLink> find(String offerId, String playerId) {
        return jdbc.sql("select " + COLUMNS + " from player_links where offer_id = ? and player_id = ?")
            .param(offerId)
            .param(playerId)
            .query(PlayerLinks::map)
            .optional();
    }

    /** The links of these players (the same index of each list is one player), with their deposit history. */
    public List<LinkedPlayer> findAll(List<String> offerIds, List<String> playerIds) {
        return jdbc.sql("select " + COLUMNS + """
                , deposited, first_deposit_counted
                  from player_links join unnest(?::text[], ?::text[]) as wanted(offer_id, player_id)
                 using (offer_id, player_id)""")
            .param(offerIds.toArray(String[]::new))
            .param(playerIds.toArray(String[]::new))
            .query((rs, n) -> new LinkedPlayer(map(rs, n), rs.getBoolean("deposited"),
                    rs.getBoolean("first_deposit_counted")))
            .list();
    }

    /**
     * Makes these links, with their deposit history, in one statement; a player linked meanwhile keeps that link.
     *
     * @return how many links this made
     */
    public int linkAll(Collection<LinkedPlayer> players) {
        if (players.isEmpty()) {
            return 0;
        }
        return jdbc.sql("insert into player_links (offer_id, player_id, click_id, publisher_id, "
                + TrackingColumns.NAMES + """
                , method, linked_by, deposited, first_deposit_counted)
                select * from unnest(?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[],
                                     ?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::boolean[],
                                     ?::boolean[])
                on conflict (offer_id, player_id) do nothing""")
            .param(column(players, link -> link.offerId()))
            .param(column(players, link -> link.playerId()))
            .param(column(players, link -> link.clickId()))
            .param(column(players, link -> link.publisherId()))
            .param(column(players, link -> link.tracking().getSource()))
            .param(column(players, link -> link.tracking().getCampaign()))
            .param(column(players, link -> link.tracking().getSub1()))
            .param(column(players, link -> link.tracking().getSub2()))
            .param(column(players, link -> link.tracking().getSub3()))
            .param(column(players, link -> link.tracking().getSub4()))
            .param(column(players, link -> link.tracking().getSub5()))
            .param(column(players, link -> link.method().name()))
            .param(column(players, link -> link.linkedBy()))
            .param(players.stream().map(LinkedPlayer::deposited).toArray(Boolean[]::new))
            .param(players.stream().map(LinkedPlayer::firstDepositCounted).toArray(Boolean[]::new))
            .update();
    }

    /**
     * Notes that these linked players deposited (the same index of each list is one player).
     *
     * @return how many of them had not deposited before
     */
    public int recordDeposits(List<String> offerIds, List<String> playerIds) {
        return flagAll("deposited", offerIds, playerIds);
    }

    /**
     * Marks these players' first deposits as counted in the funnel (the same index of each list is one player).
     *
     * @return how many of them were not counted before
     */
    public int claimFirstDeposits(List<String> offerIds, List<String> playerIds) {
        return flagAll("first_deposit_counted", offerIds, playerIds);
    }

    private int flagAll(String flag, List<String> offerIds, List<String> playerIds) {
        if (offerIds.isEmpty()) {
            return 0;
        }
        return jdbc.sql("update player_links p set " + flag + " = true"
                + " from unnest(?::text[], ?::text[]) as flagged(offer_id, player_id)"
                + " where p.offer_id = flagged.offer_id and p.player_id = flagged.player_id and not p." + flag)
            .param(offerIds.toArray(String[]::new))
            .param(playerIds.toArray(String[]::new))
            .update();
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

    @Override
    public boolean recordDeposit(String offerId, String playerId) {
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

    private static String[] column(Collection<LinkedPlayer> players, Function<PlayerLink, String> field) {
        return players.stream().map(player -> field.apply(player.link())).toArray(String[]::new);
    }

    private static PlayerLink map(ResultSet rs, int row) throws SQLException {
        return new PlayerLink(rs.getString("offer_id"), rs.getString("player_id"), rs.getString("click_id"),
                rs.getString("publisher_id"), TrackingColumns.read(rs), AttributionMethod.valueOf(rs.getString("method")),
                rs.getString("linked_by"));
    }
}
