package io.croupier.analytics.roas;

/** The statements of a day's ROAS; the day is {@code [:start, :end)}. */
final class RoasSql {

    /**
     * The chargebacks first reported on the day, valued and given a campaign. A transaction charged back by the
     * gateway and by Croupier counts once, on the earlier report.
     */
    static final String CHARGEBACKS_OF_THE_DAY = """
            create temp table day_chargebacks on commit drop as
            with reports as (
                select 0 as priority, confirmation_key as report_key, transaction_id, player_id,
                       processed_at as occurred_at, amount, currency, null::text as campaign
                from gateway_confirmations
                where status = 'chargeback' and processed_at >= :start and processed_at < :end
                union all
                select 1, event_id, transaction_id, player_id, occurred_at, amount, currency, campaign
                from croupier_deposits
                where kind = 'CHARGEBACK' and occurred_at >= :start and occurred_at < :end),
            first_reports as (
                select r.* from reports r
                where r.transaction_id is null or (
                    not exists (select 1 from gateway_confirmations g
                                where g.status = 'chargeback' and g.transaction_id = r.transaction_id
                                  and (g.processed_at, 0, g.confirmation_key)
                                      < (r.occurred_at, r.priority, r.report_key))
                    and not exists (select 1 from croupier_deposits d
                                    where d.kind = 'CHARGEBACK' and d.transaction_id = r.transaction_id
                                      and (d.occurred_at, 1, d.event_id) < (r.occurred_at, r.priority, r.report_key))))
            select r.report_key, r.transaction_id,
                   coalesce(r.amount, p.amount) as amount,
                   case when r.amount is not null then r.currency else p.currency end as currency,
                   coalesce(p.campaign, r.campaign, pc.campaign) as campaign
            from first_reports r
            left join lateral (
                select x.amount, x.currency, coalesce(x.campaign, xpc.campaign) as campaign
                from (select 0 as priority, event_id as purchase_key, amount, currency, campaign, player_id
                      from croupier_deposits where kind <> 'CHARGEBACK' and transaction_id = r.transaction_id
                      union all
                      select 1, purchase_key, amount, currency, campaign, player_id
                      from provider_purchases where transaction_id = r.transaction_id) x
                left join player_campaigns xpc on xpc.player_id = x.player_id
                order by x.priority, x.purchase_key
                limit 1) p on true
            left join player_campaigns pc on pc.player_id = r.player_id""";

    /** Campaigns are joined on {@code coalesce(campaign, '')} so the campaign-less row joins like any other. */
    static final String INSERT_ROAS = """
            insert into roas_daily (day, campaign, currency, purchases, gross_revenue, chargebacks, chargeback_amount,
                net_revenue, spend, roas, status, run_id)
            with revenue as (
                select coalesce(campaign, '') as ck, currency, count(*) as n, sum(amount) as amount
                from curated_purchases where day = :day group by 1, 2),
            charged as (
                select coalesce(campaign, '') as ck, currency, count(*) as n, sum(amount) as amount
                from day_chargebacks where amount is not null group by 1, 2),
            spend as (
                select campaign as ck, currency, sum(amount) as amount from ad_spend where day = :day group by 1, 2),
            keys as (
                select ck, currency from revenue
                union select ck, currency from charged
                union select ck, currency from spend),
            figures as (
                select k.ck, k.currency, coalesce(r.n, 0) as purchases, coalesce(r.amount, 0) as gross,
                       coalesce(c.n, 0) as chargebacks, coalesce(c.amount, 0) as charged, s.amount as spend
                from keys k
                left join revenue r using (ck, currency)
                left join charged c using (ck, currency)
                left join spend s using (ck, currency))
            select :day, nullif(ck, ''), currency, purchases, gross, chargebacks, charged, gross - charged, spend,
                   case when spend > 0 then round((gross - charged) / spend, 4) end,
                   case when spend is null then 'NO_SPEND' when spend = 0 then 'ZERO_SPEND' else 'OK' end, :runId
            from figures""";

    private RoasSql() {
    }
}
