package io.croupier.attribution.click;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

import io.croupier.clickid.ClickId;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The clicks table. */
@Repository
public class ClickRepository {

    private static final String COLUMNS = """
            click_id, offer_id, publisher_id, source, campaign, sub1, sub2, sub3, sub4, sub5, ip, user_agent, referrer,
            occurred_at""";

    /**
     * Clicks by id, each at the instant its id names: one look-up per id, joined laterally so that each reads only the
     * partition of its day (pruned as it runs; an {@code = any(array)} filter on the time would probe every day).
     */
    static final String AT_THEIR_TIME = "select c.* from unnest(?::text[], ?::timestamptz[]) as wanted(click_id, at)"
            + " cross join lateral (select " + COLUMNS + " from clicks"
            + " where clicks.click_id = wanted.click_id and clicks.occurred_at = wanted.at) as c";

    /** A click by id, in the one day its instant names. */
    static final String IN_ITS_DAY = "select " + COLUMNS + " from clicks where click_id = ? and occurred_at = ?";

    /** A click by id, in every day kept. */
    static final String IN_EVERY_DAY = "select " + COLUMNS + " from clicks where click_id = ?";

    /** An offer's most recent click in a span of time. */
    static final String MOST_RECENT = "select " + COLUMNS + """
             from clicks where offer_id = ? and occurred_at between ? and ?
            order by occurred_at desc, click_id desc limit 1""";

    private final JdbcClient jdbc;

    ClickRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * The click with this id: in the partition of the instant its id was minted at when Croupier minted it, which is
     * where click-service's clicks always are (it mints the id from the click's own instant); in every partition kept
     * otherwise, or when not found there.
     */
    public Optional<StoredClick> find(String clickId) {
        Optional<StoredClick> atItsTime = ClickId.parse(clickId).flatMap(minted -> jdbc.sql(IN_ITS_DAY)
            .param(clickId)
            .param(Timestamp.from(minted.mintedAt()))
            .query(ClickRepository::map)
            .optional());
        return atItsTime.isPresent() ? atItsTime : jdbc.sql(IN_EVERY_DAY)
            .param(clickId)
            .query(ClickRepository::map)
            .optional();
    }

    /**
     * The clicks with these ids, like {@link #find} for each but in one statement for the ids that carry their time
     * (each read in the partition of its day) and one for the others and those not found there.
     *
     * @return the clicks found, by id
     */
    public Map<String, StoredClick> findAll(Collection<String> clickIds) {
        Map<String, StoredClick> found = new HashMap<>();
        List<String> timed = new ArrayList<>();
        List<String> times = new ArrayList<>();
        for (String clickId : new HashSet<>(clickIds)) {
            ClickId.parse(clickId).ifPresent(minted -> {
                timed.add(clickId);
                times.add(minted.mintedAt().toString());
            });
        }
        if (!timed.isEmpty()) {
            jdbc.sql(AT_THEIR_TIME)
                .param(timed.toArray(String[]::new))
                .param(times.toArray(String[]::new))
                .query(ClickRepository::map)
                .list()
                .forEach(click -> found.put(click.clickId(), click));
        }
        String[] elsewhere = clickIds.stream().distinct().filter(id -> !found.containsKey(id)).toArray(String[]::new);
        if (elsewhere.length > 0) {
            jdbc.sql("select " + COLUMNS + " from clicks where click_id = any(?::text[])")
                .param(elsewhere)
                .query(ClickRepository::map)
                .list()
                .forEach(click -> found.putIfAbsent(click.clickId(), click));
        }
        return found;
    }

    /** The most recent click of an offer in {@code [from, to]}: the seed 004 fallback match. */
    public Optional<StoredClick> mostRecent(String offerId, Instant from, Instant to) {
        return jdbc.sql(MOST_RECENT)
            .param(offerId)
            .param(Timestamp.from(from))
            .param(Timestamp.from(to))
            .query(ClickRepository::map)
            .optional();
    }

    /**
     * Inserts the clicks in one statement, skipping ids already stored. A click's time travels with it, so a click
     * delivered again conflicts on the table's key (click id, time) like the first time.
     *
     * @return the clicks that were new
     */
    List<StoredClick> insertNew(List<StoredClick> clicks) {
        List<String> inserted = jdbc.sql("""
                insert into clicks (click_id, offer_id, publisher_id, source, campaign, sub1, sub2, sub3, sub4, sub5,
                                    ip, user_agent, referrer, occurred_at)
                select c.click_id, c.offer_id, c.publisher_id, c.source, c.campaign, c.sub1, c.sub2, c.sub3, c.sub4,
                       c.sub5, c.ip, c.user_agent, c.referrer, timestamptz 'epoch' + c.occurred_ms * interval '1 ms'
                  from unnest(?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[],
                              ?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::bigint[])
                       as c(click_id, offer_id, publisher_id, source, campaign, sub1, sub2, sub3, sub4, sub5, ip,
                            user_agent, referrer, occurred_ms)
                on conflict (click_id, occurred_at) do nothing
                returning click_id""")
            .param(column(clicks, StoredClick::clickId))
            .param(column(clicks, StoredClick::offerId))
            .param(column(clicks, StoredClick::publisherId))
            .param(column(clicks, click -> click.tracking().getSource()))
            .param(column(clicks, click -> click.tracking().getCampaign()))
            .param(column(clicks, click -> click.tracking().getSub1()))
            .param(column(clicks, click -> click.tracking().getSub2()))
            .param(column(clicks, click -> click.tracking().getSub3()))
            .param(column(clicks, click -> click.tracking().getSub4()))
            .param(column(clicks, click -> click.tracking().getSub5()))
            .param(column(clicks, StoredClick::ip))
            .param(column(clicks, StoredClick::userAgent))
            .param(column(clicks, StoredClick::referrer))
            .param(clicks.stream().mapToLong(click -> click.occurredAt().toEpochMilli()).boxed().toArray(Long[]::new))
            .query(String.class)
            .list();
        Set<String> fresh = new HashSet<>(inserted);
        return clicks.stream().filter(click -> fresh.remove(click.clickId())).toList();
    }

    private static String[] column(List<StoredClick> clicks, Function<StoredClick, String> field) {
        return clicks.stream().map(field).toArray(String[]::new);
    }

    static StoredClick map(ResultSet rs, int row) throws SQLException {
        return new StoredClick(rs.getString("click_id"), rs.getString("offer_id"), rs.getString("publisher_id"),
                TrackingColumns.read(rs), rs.getString("ip"), rs.getString("user_agent"), rs.getString("referrer"),
                rs.getTimestamp("occurred_at").toInstant());
    }
}
