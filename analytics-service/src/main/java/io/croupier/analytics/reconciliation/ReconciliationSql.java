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

    static final String PURCHASE_TOTALS = """
            select p.currency, count(*) as purchases, sum(p.amount) as amount,
                   coalesce(max(e.unpaired), 0) as unpaired, coalesce(max(e.amount_mismatches), 0) as amount_mismatches,
                   coalesce(max(e.currency_mismatches), 0) as currency_mismatches
            from curated_purchases p
            left join (
                select p_currency,
                       count(*) filter (where confirmation_key is null) as unpaired,
                       count(*) filter (where c_currency = p_currency and c_amount <> p_amount) as amount_mismatches,
                       count(*) filter (where c_currency <> p_currency) as currency_mismatches
                from recon_exceptions where purchase_key is not null group by p_currency) e
              on e.p_currency = p.currency
            where p.day = :day
            group by p.currency""";

    static final String CONFIRMATION_TOTALS = """
            select c.currency, count(*) as confirmations, sum(c.amount) as amount, coalesce(max(e.unpaired), 0) as unpaired
            from gateway_confirmations c
            left join (
                select c_currency, count(*) as unpaired from recon_exceptions
                where purchase_key is null and not other_day group by c_currency) e
              on e.c_currency = c.currency
            where c.status = 'confirmed' and c.processed_at >= :start and c.processed_at < :end
            group by c.currency""";

    static final String LEFTOVER_PURCHASES = """
            select source, purchase_key as side_key, p_transaction as transaction_id, p_player as player_id,
                   p_time as occurred_at, p_amount as amount, p_currency as currency
            from recon_exceptions where purchase_key is not null and confirmation_key is null""";

    static final String LEFTOVER_CONFIRMATIONS = """
            select 'gateway' as source, confirmation_key as side_key, c_transaction as transaction_id,
                   c_player as player_id, c_time as occurred_at, c_amount as amount, c_currency as currency
            from recon_exceptions where purchase_key is null and not other_day""";

    /** The players, currencies and amounts the day left unmatched on either side. */
    static final String LEFTOVER_GROUPS = """
            create temp table recon_groups on commit drop as
            select p_player as player_id, p_currency as currency, p_amount as amount from recon_exceptions
            where purchase_key is not null and confirmation_key is null and p_player is not null
            union
            select c_player, c_currency, c_amount from recon_exceptions where purchase_key is null and not other_day""";

    private static final String NEIGHBOUR_DAYS = """
            ((%1$s >= :dayBefore and %1$s < :start) or (%1$s >= :end and %1$s < :dayAfter))""";

    /**
     * Unmatched purchases of the day before and after, of the leftover groups: one per transaction id (as curation
     * keeps them), and without a confirmation of their transaction id.
     */
    static final String NEIGHBOUR_PURCHASES = """
            select p.source, p.side_key, p.transaction_id, p.player_id, p.occurred_at, p.amount, p.currency
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
            join recon_groups g on g.player_id = p.player_id and g.currency = p.currency and g.amount = p.amount
            where p.transaction_id is null
               or not exists (select 1 from gateway_confirmations c
                              where c.transaction_id = p.transaction_id and c.status = 'confirmed'
                                and c.processed_at %5$s)""".formatted(NEIGHBOUR_DAYS.formatted("d.occurred_at"),
            NEIGHBOUR_DAYS.formatted("q.occurred_at"), WITHIN_WINDOW.formatted("d.occurred_at"),
            WITHIN_WINDOW.formatted("q.occurred_at"), WITHIN_WINDOW.formatted("p.occurred_at"));

    /** Confirmations of the day before and after, of the leftover groups, without a purchase of their id. */
    static final String NEIGHBOUR_CONFIRMATIONS = """
            select 'gateway' as source, c.confirmation_key as side_key, c.transaction_id, c.player_id,
                   c.processed_at as occurred_at, c.amount, c.currency
            from gateway_confirmations c
            join recon_groups g on g.player_id = c.player_id and g.currency = c.currency and g.amount = c.amount
            where c.status = 'confirmed' and %1$s
              and not exists (select 1 from provider_purchases p
                              where p.transaction_id = c.transaction_id and p.occurred_at %2$s)
              and not exists (select 1 from croupier_deposits d
                              where d.transaction_id = c.transaction_id and d.kind <> 'CHARGEBACK'
                                and d.occurred_at %2$s)""".formatted(NEIGHBOUR_DAYS.formatted("c.processed_at"),
            WITHIN_WINDOW.formatted("c.processed_at"));

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
