package io.croupier.analytics.roas;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.List;
import java.util.Map;

import io.croupier.analytics.money.MoneyFormat;
import io.croupier.analytics.pipeline.PipelineDay;
import io.croupier.analytics.pipeline.PipelineStep;
import org.springframework.core.annotation.Order;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * {@code roas_d1}: per campaign and currency, the day's net revenue (curated purchases less the chargebacks reported
 * that day) divided by the day's ad spend. Amounts in different currencies are never added: revenue in a currency the
 * campaign spent nothing in gets its own row, without a ratio. A campaign without spend says {@code NO_SPEND} (or
 * {@code ZERO_SPEND}) instead of dividing by zero.
 *
 * <p>A chargeback counts on the day it is first reported, by the gateway or by Croupier, once per transaction id;
 * the day of the disputed purchase is not rewritten. Its amount is its own, else the disputed purchase's; its
 * campaign is the disputed purchase's, else its own, else its player's.
 */
@Component
@Order(30)
class RoasCalculation implements PipelineStep {

    static final int RATIO_SCALE = 4;

    private final JdbcClient jdbc;

    RoasCalculation(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public String name() {
        return "roasD1";
    }

    @Override
    public Figures run(PipelineDay day) {
        jdbc.sql("delete from roas_daily where day = :day").param("day", day.date()).update();
        jdbc.sql(RoasSql.CHARGEBACKS_OF_THE_DAY)
            .param("start", day.startTimestamp())
            .param("end", day.endTimestamp())
            .update();
        jdbc.sql(RoasSql.INSERT_ROAS).param("day", day.date()).param("runId", day.runId()).update();
        long unvalued = jdbc.sql("select count(*) from day_chargebacks where amount is null")
            .query(Long.class)
            .single();
        Map<String, Object> counts = jdbc.sql("""
                select count(distinct coalesce(campaign, '')) as campaigns,
                       count(*) filter (where status <> 'OK' and campaign is not null) as without_spend
                from roas_daily where day = :day""")
            .param("day", day.date())
            .query()
            .singleRow();
        List<CurrencyTotal> totals = jdbc.sql("""
                select currency, sum(net_revenue) as net_revenue, sum(spend) as spend from roas_daily
                where day = :day group by currency order by currency""")
            .param("day", day.date())
            .query((rs, n) -> CurrencyTotal.of(rs.getString("currency"), rs.getBigDecimal("net_revenue"),
                    rs.getBigDecimal("spend")))
            .list();
        return new Figures(((Number) counts.get("campaigns")).longValue(),
                ((Number) counts.get("without_spend")).longValue(), totals, unvalued);
    }

    /**
     * @param campaigns campaigns with revenue, chargebacks or spend on the day (purchases without a campaign count
     *        as one)
     * @param campaignsWithoutSpend campaign rows with revenue but no (or zero) spend in their currency
     * @param unvaluedChargebacks chargebacks with no amount of their own and no known purchase to take it from:
     *        not subtracted anywhere, to be looked into
     */
    record Figures(long campaigns, long campaignsWithoutSpend, List<CurrencyTotal> totals,
            long unvaluedChargebacks) {
    }

    /** A currency's net revenue over spend, all campaigns together. */
    record CurrencyTotal(String currency, String netRevenue, String spend, String roas) {

        static CurrencyTotal of(String currency, BigDecimal netRevenue, BigDecimal spend) {
            String roas = spend == null || spend.signum() == 0 ? null
                    : netRevenue.divide(spend, RATIO_SCALE, RoundingMode.HALF_UP).toPlainString();
            return new CurrencyTotal(currency, MoneyFormat.amount(netRevenue, currency),
                    MoneyFormat.amount(spend, currency), roas);
        }
    }
}
