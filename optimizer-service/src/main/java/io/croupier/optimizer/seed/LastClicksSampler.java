package io.croupier.optimizer.seed;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import io.croupier.optimizer.currency.ReferenceCurrency;
import io.croupier.optimizer.currency.Revenue;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Takes each known offer's last N clicks from its performance windows. Windows are whole: walking back from the
 * newest, a window is taken while the newer ones hold fewer than N clicks, so the sample is N clicks or slightly more
 * (by less than one window). Its FTDs are those windows' FTDs; its payout is the approved revenue (reversals
 * included) that occurred between the oldest window's start and the newest window's end.
 */
@Component
class LastClicksSampler {

    private static final String SAMPLED_WINDOWS = """
            with ranked as (
                select offer_id, window_start, window_end, clicks, first_deposits,
                       coalesce(sum(clicks) over (partition by offer_id order by window_start desc
                                rows between unbounded preceding and 1 preceding), 0) as newer_clicks
                from offer_performance
            ), sampled as (
                select offer_id, sum(clicks) as clicks, sum(first_deposits) as first_deposits,
                       min(window_start) as since, max(window_end) as until
                from ranked
                where newer_clicks < :lastN
                group by offer_id
            )
            """;

    private final JdbcClient jdbc;

    private final ReferenceCurrency referenceCurrency;

    LastClicksSampler(JdbcClient jdbc, ReferenceCurrency referenceCurrency) {
        this.jdbc = jdbc;
        this.referenceCurrency = referenceCurrency;
    }

    List<SampledOffer> sample(int lastN) {
        Map<Long, List<Revenue>> revenue = revenueByOffer(lastN);
        return jdbc.sql(SAMPLED_WINDOWS + """
                select o.offer_id, o.name, o.active, s.since, s.until,
                       coalesce(s.clicks, 0) as clicks, coalesce(s.first_deposits, 0) as first_deposits
                from offers o left join sampled s on s.offer_id = o.offer_id
                order by o.offer_id""")
            .param("lastN", lastN)
            .query((rs, row) -> {
                long offerId = rs.getLong("offer_id");
                List<Revenue> earned = revenue.getOrDefault(offerId, List.of());
                OfferSample sample = new OfferSample(offerId, rs.getString("name"), rs.getBoolean("active"),
                        rs.getLong("clicks"), rs.getLong("first_deposits"), referenceCurrency.total(earned));
                return new SampledOffer(sample, instant(rs.getTimestamp("since")), instant(rs.getTimestamp("until")),
                        earned);
            })
            .list();
    }

    private Map<Long, List<Revenue>> revenueByOffer(int lastN) {
        Map<Long, List<Revenue>> revenue = new HashMap<>();
        jdbc.sql(SAMPLED_WINDOWS + """
                select r.offer_id, r.currency, sum(r.amount) as amount
                from revenue_entries r join sampled s on s.offer_id = r.offer_id
                where r.status = 'APPROVED' and r.occurred_at >= s.since and r.occurred_at < s.until
                group by r.offer_id, r.currency
                order by r.offer_id, r.currency""")
            .param("lastN", lastN)
            .query(rs -> {
                String currency = rs.getString("currency");
                revenue.computeIfAbsent(rs.getLong("offer_id"), id -> new ArrayList<>())
                    .add(referenceCurrency.revenue(currency, rs.getBigDecimal("amount")));
            });
        return revenue;
    }


    private static Instant instant(Timestamp timestamp) {
        return timestamp == null ? null : timestamp.toInstant();
    }
}
