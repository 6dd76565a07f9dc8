package io.croupier.analytics.reconciliation;

import java.util.List;

/**
 * The statements of a day's reconciliation. The day is {@code [:start, :end)}; {@code :window} is the transaction
 * window in seconds, {@code [:windowStart, :windowEnd)} the day widened by it. The work table is temporary and
 * dropped with the run's transaction.
 */
final class ReconciliationSql {

    private static final String WITHIN_WINDOW = """
            between %1$s - make_interval(secs => :window) and %1$s + make_interval(secs => :window)""";

    private static final String OUTSIDE_THE_DAY = "(%1$s < :start or %1$s >= :end)";

    /**
     * One hash full join of the day's curated purchases with the day's confirmations on transaction id, keeping only
     * what is not a clean pair: a side without the other, or a pair whose amounts or currencies differ. A clean
     * million-row day leaves a few thousand rows.
     */
    static final String EXCEPTIONS_OF_THE_DAY = """
            create temp table recon_exceptions on commit drop as
            select p.source, p.purchase_key, p.transaction_id as p_transaction, p.player_id as p_player,
                   p.occurred_at as p_time, p.amount as p_amount, p.currency as p_currency,
                   c.confirmation_key, c.transaction_id as c_transaction, c.player_id as c_player,
                   c.processed_at as c_time, c.amount as c_amount, c.currency as c_currency,
                   false as other_day
            from (select * from curated_purchases where day = :day) p
            full join (select * from gateway_confirmations
                       where status = 'confirmed' and processed_at >= :start and processed_at < :end) c
              on c.transaction_id = p.transaction_id
            where p.purchase_key is null or c.confirmation_key is null
               or c.amount <> p.amount or c.currency <> p.currency""";

    /** A purchase of the day whose confirmation was processed on another day, within the window. */
    static final String PURCHASES_CONFIRMED_ON_OTHER_DAYS = """
            update recon_exceptions r
            set confirmation_key = c.confirmation_key, c_transaction = c.transaction_id, c_player = c.player_id,
                c_time = c.processed_at, c_amount = c.amount, c_currency = c.currency, other_day = true
            from gateway_confirmations c
            where r.confirmation_key is null and r.p_transaction is not null
              and c.transaction_id = r.p_transaction and c.status = 'confirmed'
              and %s and c.processed_at %s""".formatted(OUTSIDE_THE_DAY.formatted("c.processed_at"),
            WITHIN_WINDOW.formatted("r.p_time"));

    /** A confirmation of the day whose purchase (of either source) happened on another day, within the window. */
    static final String CONFIRMATIONS_OF_PURCHASES_ON_OTHER_DAYS = """
            update recon_exceptions r set other_day = true
            where r.purchase_key is null and (
                exists (select 1 from provider_purchases p
                        where p.transaction_id = r.c_transaction and %1$s and p.occurred_at %3$s)
                or exists (select 1 from croupier_deposits d
                           where d.transaction_id = r.c_transaction and d.kind <> 'CHARGEBACK' and %2$s
                             and d.occurred_at %3$s))""".formatted(OUTSIDE_THE_DAY.formatted("p.occurred_at"),
            OUTSIDE_THE_DAY.formatted("d.occurred_at"), WITHIN_WINDOW.formatted("r.c_time"));

    /** Pairs by transaction id that disagree on the money; a pair across days is listed on its purchase's day. */
    static final String INSERT_MISMATCHES = """
            insert into reconciliation_items (day, kind, purchase_source, purchase_key, purchase_transaction,
                purchase_player, purchased_at, purchase_amount, purchase_currency, confirmation_key,
                confirmation_transaction, confirmation_player, confirmed_at, confirmation_amount,
                confirmation_currency, run_id)
            select :day, case when c_currency <> p_currency then 'CURRENCY_MISMATCH' else 'AMOUNT_MISMATCH' end,
                   source, purchase_key, p_transaction, p_player, p_time, p_amount, p_currency, confirmation_key,
                   c_transaction, c_player, c_time, c_amount, c_currency, :runId
            from recon_exceptions
            where purchase_key is not null and confirmation_key is not null
              and (c_currency <> p_currency or c_amount <> p_amount)""";

    private static final String NEIGHBOUR_DAYS = """
            ((%1$s >= :dayBefore and %1$s < :start) or (%1$s >= :end and %1$s < :dayAfter))""";

    /**
     * The sides that can still pair by player and amount: the day's leftovers, and the leftovers of the day before and
     * after of the same players and amounts (purchases one per transaction id as curation keeps them, neither side
     * with a counterpart by transaction id), but only in groups (player, currency, amount) that have a purchase and a
     * confirmation left. A day whose gateway file is missing leaves a million leftovers and no candidate.
     */
    static final String CANDIDATES = """
            create temp table recon_candidates on commit drop as
            with leftovers as (
                select true as purchase, true as of_day, source, purchase_key as side_key,
                       p_transaction as transaction_id, p_player as player_id, p_time as occurred_at,
                       p_amount as amount, p_currency as currency
                from recon_exceptions where purchase_key is not null and confirmation_key is null
                union all
                select false, true, 'gateway', confirmation_key, c_transaction, c_player, c_time, c_amount, c_currency
                from recon_exceptions where purchase_key is null and not other_day),
            groups as (select distinct player_id, currency, amount from leftovers where player_id is not null),
            sides as materialized (
                select * from leftovers where player_id is not null
                union all
                select true, false, p.source, p.side_key, p.transaction_id, p.player_id, p.occurred_at, p.amount,
                       p.currency
                from (
                    select 'croupier' as source, event_id as side_key, transaction_id, player_id, occurred_at, amount,
                           currency
                    from croupier_deposits d
                    where kind <> 'CHARGEBACK' and %1$s
                      and not exists (select 1 from croupier_deposits e
                                      where e.transaction_id = d.transaction_id and e.kind <> 'CHARGEBACK'
                                        and e.event_id < d.event_id and e.occurred_at %3$s)
                    union all
                    select 'provider', purchase_key, transaction_id, player_id, occurred_at, amount, currency
                    from provider_purchases q
                    where %2$s
                      and not exists (select 1 from croupier_deposits e
                                      where e.transaction_id = q.transaction_id and e.kind <> 'CHARGEBACK'
                                        and e.occurred_at %4$s)) p
                join groups g on g.player_id = p.player_id and g.currency = p.currency and g.amount = p.amount
                where p.transaction_id is null
                   or not exists (select 1 from gateway_confirmations c
                                  where c.transaction_id = p.transaction_id and c.status = 'confirmed'
                                    and c.processed_at %5$s)
                union all
                select false, false, 'gateway', c.confirmation_key, c.transaction_id, c.player_id, c.processed_at,
                       c.amount, c.currency
                from gateway_confirmations c
                join groups g on g.player_id = c.player_id and g.currency = c.currency and g.amount = c.amount
                where c.status = 'confirmed' and %6$s
                  and not exists (select 1 from provider_purchases p
                                  where p.transaction_id = c.transaction_id and p.occurred_at %7$s)
                  and not exists (select 1 from croupier_deposits d
                                  where d.transaction_id = c.transaction_id and d.kind <> 'CHARGEBACK'
                                    and d.occurred_at %7$s))
            select * from sides s
            where exists (select 1 from sides o
                          where o.player_id = s.player_id and o.currency = s.currency and o.amount = s.amount
                            and o.purchase <> s.purchase)""".formatted(NEIGHBOUR_DAYS.formatted("d.occurred_at"),
            NEIGHBOUR_DAYS.formatted("q.occurred_at"), WITHIN_WINDOW.formatted("d.occurred_at"),
            WITHIN_WINDOW.formatted("q.occurred_at"), WITHIN_WINDOW.formatted("p.occurred_at"),
            NEIGHBOUR_DAYS.formatted("c.processed_at"), WITHIN_WINDOW.formatted("c.processed_at"));

    static final String LOAD_CANDIDATES = """
            select purchase, of_day, source, side_key, transaction_id, player_id, occurred_at, amount, currency
            from recon_candidates""";

    /** The day's leftovers that could not pair by player and amount at all are unmatched, written set-based. */
    static final String INSERT_UNMATCHED_PURCHASES = """
            insert into reconciliation_items (day, kind, purchase_source, purchase_key, purchase_transaction,
                purchase_player, purchased_at, purchase_amount, purchase_currency, run_id)
            select :day, 'UNMATCHED_PURCHASE', source, purchase_key, p_transaction, p_player, p_time, p_amount,
                   p_currency, :runId
            from recon_exceptions e
            where purchase_key is not null and confirmation_key is null
              and not exists (select 1 from recon_candidates c
                              where c.purchase and c.source = e.source and c.side_key = e.purchase_key)""";

    static final String INSERT_UNMATCHED_CONFIRMATIONS = """
            insert into reconciliation_items (day, kind, confirmation_key, confirmation_transaction,
                confirmation_player, confirmed_at, confirmation_amount, confirmation_currency, run_id)
            select :day, 'UNMATCHED_CONFIRMATION', confirmation_key, c_transaction, c_player, c_time, c_amount,
                   c_currency, :runId
            from recon_exceptions e
            where purchase_key is null and not other_day
              and not exists (select 1 from recon_candidates c
                              where not c.purchase and c.side_key = e.confirmation_key)""";

    /** Each currency's totals, from the day's purchases and confirmations, the work table and the written items. */
    static final String INSERT_TOTALS = """
            insert into reconciliation_totals (day, currency, purchases, purchase_amount,
                purchases_matched_by_transaction, purchases_matched_by_player, unmatched_purchases,
                unmatched_purchase_amount, confirmations, confirmation_amount, confirmations_matched_by_transaction,
                confirmations_matched_by_player, unmatched_confirmations, unmatched_confirmation_amount,
                amount_mismatches, currency_mismatches, run_id)
            with purchases as (
                select currency, count(*) as n, sum(amount) as amount from curated_purchases where day = :day
                group by currency),
            confirmations as (
                select currency, count(*) as n, sum(amount) as amount from gateway_confirmations
                where status = 'confirmed' and processed_at >= :start and processed_at < :end group by currency),
            unpaired as (
                select coalesce(p_currency, c_currency) as currency,
                       count(*) filter (where purchase_key is not null and confirmation_key is null) as purchases,
                       count(*) filter (where purchase_key is null and not other_day) as confirmations
                from recon_exceptions group by 1),
            items as (
                select coalesce(purchase_currency, confirmation_currency) as currency,
                       count(*) filter (where kind = 'MATCHED_BY_PLAYER_AND_AMOUNT'
                                          and purchased_at >= :start and purchased_at < :end) as purchases_by_player,
                       count(*) filter (where kind = 'MATCHED_BY_PLAYER_AND_AMOUNT'
                                          and confirmed_at >= :start and confirmed_at < :end)
                           as confirmations_by_player,
                       count(*) filter (where kind = 'UNMATCHED_PURCHASE') as unmatched_purchases,
                       coalesce(sum(purchase_amount) filter (where kind = 'UNMATCHED_PURCHASE'), 0)
                           as unmatched_purchase_amount,
                       count(*) filter (where kind = 'UNMATCHED_CONFIRMATION') as unmatched_confirmations,
                       coalesce(sum(confirmation_amount) filter (where kind = 'UNMATCHED_CONFIRMATION'), 0)
                           as unmatched_confirmation_amount,
                       count(*) filter (where kind = 'AMOUNT_MISMATCH') as amount_mismatches,
                       count(*) filter (where kind = 'CURRENCY_MISMATCH') as currency_mismatches
                from reconciliation_items where day = :day group by 1),
            currencies as (select currency from purchases union select currency from confirmations)
            select :day, k.currency, coalesce(p.n, 0), coalesce(p.amount, 0),
                   coalesce(p.n, 0) - coalesce(u.purchases, 0), coalesce(i.purchases_by_player, 0),
                   coalesce(i.unmatched_purchases, 0), coalesce(i.unmatched_purchase_amount, 0),
                   coalesce(c.n, 0), coalesce(c.amount, 0), coalesce(c.n, 0) - coalesce(u.confirmations, 0),
                   coalesce(i.confirmations_by_player, 0), coalesce(i.unmatched_confirmations, 0),
                   coalesce(i.unmatched_confirmation_amount, 0), coalesce(i.amount_mismatches, 0),
                   coalesce(i.currency_mismatches, 0), :runId
            from currencies k
            left join purchases p using (currency)
            left join confirmations c using (currency)
            left join unpaired u using (currency)
            left join items i using (currency)""";

    static final String FIGURES = """
            select coalesce(sum(purchases), 0) as purchases, coalesce(sum(confirmations), 0) as confirmations,
                   coalesce(sum(purchases_matched_by_transaction), 0) as by_transaction,
                   coalesce(sum(purchases_matched_by_player), 0) as by_player,
                   coalesce(sum(unmatched_purchases), 0) as unmatched_purchases,
                   coalesce(sum(unmatched_confirmations), 0) as unmatched_confirmations,
                   coalesce(sum(amount_mismatches), 0) as amount_mismatches,
                   coalesce(sum(currency_mismatches), 0) as currency_mismatches
            from reconciliation_totals where day = :day""";

    /** Array parameters of {@link #INSERT_ITEMS}, in the order the matcher's items fill them. */
    static final List<String> ITEM_COLUMNS = List.of("kinds", "purchaseSources", "purchaseKeys",
            "purchaseTransactions", "purchasePlayers", "purchasedAt", "purchaseAmounts", "purchaseCurrencies",
            "confirmationKeys", "confirmationTransactions", "confirmationPlayers", "confirmedAt",
            "confirmationAmounts", "confirmationCurrencies");

    static final String INSERT_ITEMS = """
            insert into reconciliation_items (day, kind, purchase_source, purchase_key, purchase_transaction,
                purchase_player, purchased_at, purchase_amount, purchase_currency, confirmation_key,
                confirmation_transaction, confirmation_player, confirmed_at, confirmation_amount,
                confirmation_currency, run_id)
            select :day, kind, p_source, p_key, p_transaction, p_player, p_time::timestamptz, p_amount::numeric,
                   p_currency, c_key, c_transaction, c_player, c_time::timestamptz, c_amount::numeric, c_currency,
                   :runId
            from unnest(cast(:kinds as text[]), cast(:purchaseSources as text[]),
                        cast(:purchaseKeys as text[]), cast(:purchaseTransactions as text[]),
                        cast(:purchasePlayers as text[]), cast(:purchasedAt as text[]),
                        cast(:purchaseAmounts as text[]), cast(:purchaseCurrencies as text[]),
                        cast(:confirmationKeys as text[]), cast(:confirmationTransactions as text[]),
                        cast(:confirmationPlayers as text[]), cast(:confirmedAt as text[]),
                        cast(:confirmationAmounts as text[]), cast(:confirmationCurrencies as text[]))
                 as t(kind, p_source, p_key, p_transaction, p_player, p_time, p_amount, p_currency, c_key,
                      c_transaction, c_player, c_time, c_amount, c_currency)""";

    private ReconciliationSql() {
    }
}
