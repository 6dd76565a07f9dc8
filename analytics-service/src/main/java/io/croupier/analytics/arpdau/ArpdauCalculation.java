package io.croupier.analytics.arpdau;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.List;

import io.croupier.analytics.money.MoneyFormat;
import io.croupier.analytics.pipeline.PipelineDay;
import io.croupier.analytics.pipeline.PipelineStep;
import org.springframework.core.annotation.Order;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * {@code arpdau_d1}: per campaign, the day's net revenue (as in {@code roas_d1}, per currency) divided by its daily
 * active players. A player is active on a day with a session starting on it or a player event on it, counted once
 * ({@code active_players}, kept as those facts arrive); they count under their campaign (the earliest one any fact of
 * theirs names).
 */
@Component
@Order(50)
class ArpdauCalculation implements PipelineStep {

    static final int RATIO_SCALE = 4;

    private final JdbcClient jdbc;

    ArpdauCalculation(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public String name() {
        return "arpdauD1";
    }

    @Override
    public Figures run(PipelineDay day) {
        jdbc.sql("delete from arpdau_daily where day = :day").param("day", day.date()).update();
        jdbc.sql("""
                insert into arpdau_daily (day, campaign, active_players, currency, net_revenue, arpdau, run_id)
                with active as (
                    select coalesce(pc.campaign, '') as ck, count(*) as players
                    from active_players a left join player_campaigns pc using (player_id)
                    where a.day = :day
                    group by 1),
                revenue as (
                    select coalesce(campaign, '') as ck, currency, net_revenue from roas_daily where day = :day),
                keys as (select ck from active union select ck from revenue)
                select :day, nullif(k.ck, ''), coalesce(a.players, 0), r.currency, r.net_revenue,
                       case when a.players > 0 then round(r.net_revenue / a.players, 4) end, :runId
                from keys k left join active a using (ck) left join revenue r using (ck)""")
            .param("day", day.date())
            .param("runId", day.runId())
            .update();
        // Each active player counts under exactly one campaign, so the campaigns' counts add up to the day's.
        long activePlayers = jdbc.sql("""
                select coalesce(sum(players), 0) from (
                    select distinct coalesce(campaign, ''), active_players as players from arpdau_daily
                    where day = :day) campaigns""")
            .param("day", day.date())
            .query(Long.class)
            .single();
        List<CurrencyTotal> totals = jdbc.sql("""
                select currency, sum(net_revenue) as net_revenue from arpdau_daily
                where day = :day and currency is not null group by currency order by currency""")
            .param("day", day.date())
            .query((rs, n) -> CurrencyTotal.of(rs.getString("currency"), rs.getBigDecimal("net_revenue"),
                    activePlayers))
            .list();
        return new Figures(activePlayers, totals);
    }

    /**
     * @param activePlayers distinct players active on the day, all campaigns together
     * @param totals per currency, all campaigns' net revenue over all active players
     */
    record Figures(long activePlayers, List<CurrencyTotal> totals) {
    }

    record CurrencyTotal(String currency, String netRevenue, String arpdau) {

        static CurrencyTotal of(String currency, BigDecimal netRevenue, long activePlayers) {
            String arpdau = activePlayers == 0 ? null
                    : netRevenue.divide(BigDecimal.valueOf(activePlayers), RATIO_SCALE, RoundingMode.HALF_UP)
                        .toPlainString();
            return new CurrencyTotal(currency, MoneyFormat.amount(netRevenue, currency), arpdau);
        }
    }
}
