package io.croupier.optimizer.stats;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import io.croupier.optimizer.currency.ReferenceCurrency;
import io.croupier.optimizer.currency.Revenue;
import io.croupier.optimizer.seed.WeightCalculator;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Transactional;

/** All-time totals per known offer, with the EV and weight of the newest weight set. */
@Repository
class OfferStatistics {

    private static final BigDecimal NONE = BigDecimal.ZERO.setScale(WeightCalculator.SCALE);

    private final JdbcClient jdbc;

    private final ReferenceCurrency referenceCurrency;

    OfferStatistics(JdbcClient jdbc, ReferenceCurrency referenceCurrency) {
        this.jdbc = jdbc;
        this.referenceCurrency = referenceCurrency;
    }

    @Transactional(readOnly = true)
    List<OfferStats> all() {
        Map<Long, List<Revenue>> revenue = allTimeRevenue();
        return jdbc.sql("""
                select o.offer_id, o.name, o.active, o.manual_weight,
                       coalesce(p.clicks, 0) as clicks, coalesce(p.first_deposits, 0) as first_deposits,
                       e.weight_set_id, e.ev, e.weight
                from offers o
                left join (select offer_id, sum(clicks) as clicks, sum(first_deposits) as first_deposits
                           from offer_performance group by offer_id) p on p.offer_id = o.offer_id
                left join weight_set_entries e on e.offer_id = o.offer_id
                      and e.weight_set_id = (select max(weight_set_id) from weight_sets)
                order by o.offer_id""")
            .query((rs, row) -> {
                long offerId = rs.getLong("offer_id");
                boolean active = rs.getBoolean("active");
                long clicks = rs.getLong("clicks");
                long ftds = rs.getLong("first_deposits");
                List<Revenue> earned = revenue.getOrDefault(offerId, List.of());
                Long weightSetId = rs.getObject("weight_set_id", Long.class);
                BigDecimal ev = weightSetId == null ? NONE : rs.getBigDecimal("ev");
                BigDecimal weight = weightSetId != null ? rs.getBigDecimal("weight")
                        : active ? BigDecimal.valueOf(rs.getDouble("manual_weight")) : NONE;
                return new OfferStats(offerId, rs.getString("name"), clicks, ftds, referenceCurrency.total(earned),
                        WeightCalculator.conversionRate(clicks, ftds), ev, weight, active, referenceCurrency.code(),
                        earned, weightSetId);
            })
            .list();
    }

    private Map<Long, List<Revenue>> allTimeRevenue() {
        Map<Long, List<Revenue>> revenue = new HashMap<>();
        jdbc.sql("""
                select offer_id, currency, sum(amount) as amount
                from revenue_entries where status = 'APPROVED'
                group by offer_id, currency order by offer_id, currency""")
            .query(rs -> {
                revenue.computeIfAbsent(rs.getLong("offer_id"), id -> new ArrayList<>())
                    .add(referenceCurrency.revenue(rs.getString("currency"), rs.getBigDecimal("amount")));
            });
        return revenue;
    }
}
