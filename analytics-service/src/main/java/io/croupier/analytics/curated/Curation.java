package io.croupier.analytics.curated;

import java.time.Duration;
import java.util.Map;
import java.util.TreeMap;

import io.croupier.analytics.pipeline.PipelineDay;
import io.croupier.analytics.pipeline.PipelineSettings;
import io.croupier.analytics.pipeline.PipelineStep;
import org.springframework.core.annotation.Order;
import org.springframework.jdbc.core.RowCallbackHandler;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * {@code purchases_curated}: the day's purchases from every source, once each. A purchase is a Croupier deposit
 * (approved, with an amount) or a row of the provider's file (validated and deduplicated by its natural key on
 * import). One transaction id reported within the transaction window by both sources, or twice by one, is one
 * purchase: Croupier's report wins over the provider's (it is the casino's own, already attributed), and of two
 * Croupier reports the lower event id. A purchase that names no campaign takes its player's campaign.
 */
@Component
@Order(10)
class Curation implements PipelineStep {

    /**
     * The day's reports that are another report of a purchase, found from the Croupier side, which is small: provider
     * rows have a unique transaction id already (it is their natural key on import), so only a Croupier deposit of the
     * same transaction within the window makes one a duplicate; a Croupier deposit, only another with a lower event id.
     * Analysed, so that the insert below hashes this small table rather than the day's million provider rows.
     */
    private static final String DUPLICATES = """
            create temp table curation_duplicates on commit drop as
            select distinct o.source, o.purchase_key from croupier_deposits d
            join lateral (
                select 'provider' as source, p.purchase_key from provider_purchases p
                where p.transaction_id = d.transaction_id and p.occurred_at >= :start and p.occurred_at < :end
                  and p.occurred_at between d.occurred_at - make_interval(secs => :window)
                                        and d.occurred_at + make_interval(secs => :window)
                union all
                select 'croupier', e.event_id from croupier_deposits e
                where e.transaction_id = d.transaction_id and e.kind <> 'CHARGEBACK' and e.event_id > d.event_id
                  and e.occurred_at >= :start and e.occurred_at < :end
                  and e.occurred_at between d.occurred_at - make_interval(secs => :window)
                                        and d.occurred_at + make_interval(secs => :window)) o on true
            where d.kind <> 'CHARGEBACK' and d.transaction_id is not null
              and d.occurred_at >= :windowStart and d.occurred_at < :windowEnd""";

    /** Every report of the day but the duplicates, inserted in time order, which is the order {@code seq} keeps. */
    private static final String INSERT_CURATED = """
            insert into curated_purchases (day, purchase_key, source, transaction_id, player_id, occurred_at, amount,
                currency, campaign, media_source, run_id)
            select :day, c.purchase_key, c.source, c.transaction_id, c.player_id, c.occurred_at, c.amount,
                   c.currency, coalesce(c.campaign, pc.campaign), c.media_source, :runId
            from (
                select d.event_id as purchase_key, 'croupier' as source, d.transaction_id, d.player_id, d.occurred_at,
                       d.amount, d.currency, d.campaign, d.media_source
                from croupier_deposits d
                where d.kind <> 'CHARGEBACK' and d.occurred_at >= :start and d.occurred_at < :end
                union all
                select p.purchase_key, 'provider', p.transaction_id, p.player_id, p.occurred_at, p.amount, p.currency,
                       p.campaign, p.media_source
                from provider_purchases p
                where p.occurred_at >= :start and p.occurred_at < :end) c
            left join player_campaigns pc on pc.player_id = c.player_id
            where not exists (select 1 from curation_duplicates x
                              where x.source = c.source and x.purchase_key = c.purchase_key)
            order by c.occurred_at""";

    private final JdbcClient jdbc;

    private final PipelineSettings settings;

    Curation(JdbcClient jdbc, PipelineSettings settings) {
        this.jdbc = jdbc;
        this.settings = settings;
    }

    @Override
    public String name() {
        return "purchasesCurated";
    }

    @Override
    public Figures run(PipelineDay day) {
        jdbc.sql("delete from curated_purchases where day = :day").param("day", day.date()).update();
        jdbc.sql(DUPLICATES).params(windowOf(day)).update();
        jdbc.sql("analyze curation_duplicates").update();
        jdbc.sql(INSERT_CURATED).params(windowOf(day)).param("day", day.date()).param("runId", day.runId()).update();
        Map<String, Long> bySource = new TreeMap<>();
        jdbc.sql("select source, count(*) as purchases from curated_purchases where day = :day group by source")
            .param("day", day.date())
            .query((RowCallbackHandler) rs -> bySource.put(rs.getString("source"), rs.getLong("purchases")));
        long duplicates = jdbc.sql("select count(*) from curation_duplicates").query(Long.class).single();
        return new Figures(bySource.values().stream().mapToLong(Long::longValue).sum(), bySource, duplicates);
    }

    /** The day, and the transaction window around it and (in seconds) around each report. */
    private Map<String, Object> windowOf(PipelineDay day) {
        Duration window = settings.transactionWindow();
        return Map.of("start", day.startTimestamp(), "end", day.endTimestamp(), "window", window.toSeconds(),
                "windowStart", day.startLess(window), "windowEnd", day.endPlus(window));
    }

    /**
     * @param purchases purchases of the day, once each
     * @param bySource of which from Croupier's deposits and from the provider's file
     * @param duplicatesDropped reports of the day that were another report of a purchase already counted
     */
    record Figures(long purchases, Map<String, Long> bySource, long duplicatesDropped) {
    }
}
