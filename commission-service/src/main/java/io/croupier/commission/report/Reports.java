package io.croupier.commission.report;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.sql.Timestamp;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;

import io.croupier.commission.money.Amount;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * Totals over the ledger for a range of UTC days. Every total is per currency: amounts in different currencies are
 * listed side by side, never added.
 */
@Repository
class Reports {

    private static final int RATIO_SCALE = 4;

    private final JdbcClient jdbc;

    Reports(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    List<Totals> byPublisher(LocalDate from, LocalDate to) {
        return totals("coalesce(publisher_id, 'none')", from, to);
    }

    List<Totals> byOffer(LocalDate from, LocalDate to) {
        return totals("offer_id", from, to);
    }

    /**
     * CPA = ad spend ÷ first deposits (seed 000), ROAS = revenue ÷ ad spend (seed 002), per campaign and currency of
     * the spend; revenue in another currency than the spend gets its own row without ratios.
     */
    List<CampaignReport> byCampaign(LocalDate from, LocalDate to) {
        return jdbc.sql("""
                with spend as (
                    select campaign, currency, sum(amount) as amount from ad_spend
                    where day between :fromDay and :toDay group by campaign, currency),
                revenue as (
                    select campaign, revenue_currency as currency, sum(revenue) as amount from ledger_entries
                    where campaign is not null and occurred_at >= :from and occurred_at < :to
                    group by campaign, revenue_currency),
                first_deposits as (
                    select campaign, count(*) as count from ledger_entries
                    where campaign is not null and first_deposit and reverses is null
                      and occurred_at >= :from and occurred_at < :to
                    group by campaign)
                select coalesce(s.campaign, r.campaign) as campaign, coalesce(s.currency, r.currency) as currency,
                       s.amount as spend, coalesce(r.amount, 0) as revenue, coalesce(f.count, 0) as first_deposits
                from spend s
                full join revenue r on r.campaign = s.campaign and r.currency = s.currency
                left join first_deposits f on f.campaign = coalesce(s.campaign, r.campaign)
                order by 1, 2""")
            .param("fromDay", java.sql.Date.valueOf(from))
            .param("toDay", java.sql.Date.valueOf(to))
            .param("from", start(from))
            .param("to", start(to.plusDays(1)))
            .query((rs, n) -> campaign(rs.getString("campaign"), rs.getString("currency"),
                    rs.getBigDecimal("spend"), rs.getBigDecimal("revenue"), rs.getLong("first_deposits")))
            .list();
    }

    private static CampaignReport campaign(String campaign, String currency, BigDecimal spend, BigDecimal revenue,
            long firstDeposits) {
        BigDecimal cpa = spend == null || firstDeposits == 0 ? null
                : spend.divide(BigDecimal.valueOf(firstDeposits), RATIO_SCALE, RoundingMode.HALF_UP);
        BigDecimal roas = spend == null || spend.signum() == 0 ? null
                : revenue.divide(spend, RATIO_SCALE, RoundingMode.HALF_UP);
        return new CampaignReport(campaign, currency, spend == null ? null : new Amount(spend, currency),
                firstDeposits, cpa == null ? null : new Amount(cpa, currency), new Amount(revenue, currency), roas);
    }

    private List<Totals> totals(String groupBy, LocalDate from, LocalDate to) {
        return jdbc.sql("""
                select %s as id, revenue_currency, payout_currency,
                       count(*) filter (where reverses is null and resolves is null) as entries,
                       count(*) filter (where reverses is null and resolves is null and revenue > 0)
                           as paid_conversions,
                       count(*) filter (where reverses is not null) as reversals,
                       count(*) filter (where reverses is null and resolves is null and guessed_link)
                           as guessed_conversions,
                       sum(revenue) as revenue, sum(publisher_payout) as payout,
                       coalesce(sum(held_payout) filter (where not exists (select 1 from ledger_entries d
                           where d.resolves = e.entry_id or d.reverses = e.entry_id)), 0) as held_payout
                from ledger_entries e
                where occurred_at >= :from and occurred_at < :to
                group by 1, 2, 3
                order by 1, 2, 3""".formatted(groupBy))
            .param("from", start(from))
            .param("to", start(to.plusDays(1)))
            .query((rs, n) -> {
                String revenueCurrency = rs.getString("revenue_currency");
                String payoutCurrency = rs.getString("payout_currency");
                return new Totals(rs.getString("id"), revenueCurrency, payoutCurrency, rs.getLong("entries"),
                        rs.getLong("paid_conversions"), rs.getLong("reversals"), rs.getLong("guessed_conversions"),
                        new Amount(rs.getBigDecimal("revenue"), revenueCurrency),
                        new Amount(rs.getBigDecimal("payout"), payoutCurrency),
                        new Amount(rs.getBigDecimal("held_payout"), payoutCurrency));
            })
            .list();
    }

    private static Timestamp start(LocalDate day) {
        return Timestamp.from(day.atStartOfDay(ZoneOffset.UTC).toInstant());
    }

    /**
     * One row per publisher or offer and pair of currencies: the counts are those of this row's entries only.
     *
     * @param revenueCurrency the currency of this row's revenue, one of the keys it is grouped by
     * @param payoutCurrency the currency of this row's publisher payouts, the other key
     * @param entries conversions recorded (one entry each, whatever they earned)
     * @param paidConversions conversions that earned revenue
     * @param reversals clawbacks, included in the amounts
     * @param guessedConversions conversions whose link to their click is a guess (a fallback match)
     * @param publisherPayout owed to publishers, operators' confirmations of held payouts included
     * @param heldPayout publisher payouts held on guessed links that wait for an operator's decision
     */
    record Totals(String id, String revenueCurrency, String payoutCurrency, long entries, long paidConversions,
            long reversals, long guessedConversions, Amount revenue, Amount publisherPayout, Amount heldPayout) {
    }

    record CampaignReport(String campaign, String currency, Amount adSpend, long firstDeposits, Amount cpa,
            Amount revenue, BigDecimal roas) {
    }
}
