package io.croupier.analytics.reconciliation;

import java.util.List;

/**
 * The statements of a day's reconciliation. {@code :window} is the transaction window in seconds; the day is
 * {@code [:start, :end)}. Work tables are temporary and dropped with the run's transaction.
 */
final class ReconciliationSql {

    private static final String WITHIN_WINDOW = """
            between %1$s - make_interval(secs => :window) and %1$s + make_interval(secs => :window)""";

    /** The day's curated purchases, each with the confirmation of its transaction id, if any. */
    static final String PURCHASES_OF_THE_DAY = """
            create temp table recon_purchases on commit drop as
            select p.source, p.purchase_key as side_key, p.transaction_id, p.player_id, p.occurred_at, p.amount,
                   p.currency, c.confirmation_key, c.transaction_id as c_transaction, c.player_id as c_player,
                   c.processed_at as c_time, c.amount as c_amount, c.currency as c_currency
            from curated_purchases p
            left join gateway_confirmations c
              on c.transaction_id = p.transaction_id and c.status = 'confirmed'
             and c.processed_at >= :windowStart
             and c.processed_at < :windowEnd
             and c.processed_at %s
            where p.day = :day""".formatted(WITHIN_WINDOW.formatted("p.occurred_at"));

    /** Purchases of any source, within the window of a confirmation {@code c}, with its transaction id. */
    private static final String PURCHASE_OF_CONFIRMATION = """
            select 1 from (
                select transaction_id, occurred_at from provider_purchases
                where occurred_at >= :windowStart
                  and occurred_at < :windowEnd
                union all
                select transaction_id, occurred_at from croupier_deposits
                where kind <> 'CHARGEBACK'
                  and occurred_at >= :windowStart
                  and occurred_at < :windowEnd) p
            where p.transaction_id = c.transaction_id and p.occurred_at %s""".formatted(
            WITHIN_WINDOW.formatted("c.processed_at"));

    private static final String CONFIRMATIONS_OF_THE_DAY = """
            select c.confirmation_key, c.transaction_id, c.player_id, c.processed_at, c.amount, c.currency, %s
            from gateway_confirmations c
            where c.status = 'confirmed' and c.processed_at >= :start and c.processed_at < :end
              and %s exists (%s)""";

    /** The day's confirmations, in two statements so that PostgreSQL plans a semi-join and an anti-join. */
    static final String CONFIRMATIONS_MATCHED = "create temp table recon_confirmations on commit drop as "
            + CONFIRMATIONS_OF_THE_DAY.formatted("true as matched", "", PURCHASE_OF_CONFIRMATION);

    static final String CONFIRMATIONS_NOT_MATCHED = "insert into recon_confirmations "
            + CONFIRMATIONS_OF_THE_DAY.formatted("false", "not", PURCHASE_OF_CONFIRMATION);

    static final String INSERT_MISMATCHES = """
            insert into reconciliation_items (day, kind, purchase_source, purchase_key, purchase_transaction,
                purchase_player, purchased_at, purchase_amount, purchase_currency, confirmation_key,
                confirmation_transaction, confirmation_player, confirmed_at, confirmation_amount,
                confirmation_currency, run_id)
            select :day, case when c_currency <> currency then 'CURRENCY_MISMATCH' else 'AMOUNT_MISMATCH' end,
                   source, side_key, transaction_id, player_id, occurred_at, amount, currency, confirmation_key,
                   c_transaction, c_player, c_time, c_amount, c_currency, :runId
            from recon_purchases
            where confirmation_key is not null and (c_currency <> currency or c_amount <> amount)""";

    static final String PURCHASE_TOTALS = """
            select currency, count(*) as purchases, sum(amount) as amount,
                   count(confirmation_key) as matched,
                   count(*) filter (where c_currency <> currency) as currency_mismatches,
                   count(*) filter (where c_currency = currency and c_amount <> amount) as amount_mismatches
            from recon_purchases group by currency""";

    static final String CONFIRMATION_TOTALS = """
            select currency, count(*) as confirmations, sum(amount) as amount, count(*) filter (where matched) as matched
            from recon_confirmations group by currency""";

    static final String LEFTOVER_PURCHASES = """
            select source, side_key, transaction_id, player_id, occurred_at, amount, currency
            from recon_purchases where confirmation_key is null""";

    static final String LEFTOVER_CONFIRMATIONS = """
            select 'gateway' as source, confirmation_key as side_key, transaction_id, player_id,
                   processed_at as occurred_at, amount, currency
            from recon_confirmations where not matched""";

    /** The players, currencies and amounts the day left unmatched on either side. */
    static final String LEFTOVER_GROUPS = """
            create temp table recon_groups on commit drop as
            select player_id, currency, amount from recon_purchases
            where confirmation_key is null and player_id is not null
            union
            select player_id, currency, amount from recon_confirmations where not matched""";

    private static final String NEIGHBOUR_DAYS = """
            ((%1$s >= :dayBefore and %1$s < :start) or (%1$s >= :end and %1$s < :dayAfter))""";

    /**
     * Unmatched purchases of the day before and after, of the leftover groups: one per transaction id (Croupier's
     * first, as curation has it), and without a confirmation of their transaction id.
     */
    static final String NEIGHBOUR_PURCHASES = """
            select p.source, p.side_key, p.transaction_id, p.player_id, p.occurred_at, p.amount, p.currency
            from (
                select 'croupier' as source, 0 as priority, event_id as side_key, transaction_id, player_id,
                       occurred_at, amount, currency
                from croupier_deposits where kind <> 'CHARGEBACK' and %1$s
                union all
                select 'provider', 1, purchase_key, transaction_id, player_id, occurred_at, amount, currency
                from provider_purchases where %1$s) p
            join recon_groups g on g.player_id = p.player_id and g.currency = p.currency and g.amount = p.amount
            where p.transaction_id is null or (
                not exists (select 1 from gateway_confirmations c
                            where c.transaction_id = p.transaction_id and c.status = 'confirmed'
                              and c.processed_at %2$s)
                and not exists (select 1 from croupier_deposits d
                                where d.transaction_id = p.transaction_id and d.kind <> 'CHARGEBACK'
                                  and (0, d.event_id) < (p.priority, p.side_key) and d.occurred_at %2$s)
                and not exists (select 1 from provider_purchases q
                                where q.transaction_id = p.transaction_id
                                  and (1, q.purchase_key) < (p.priority, p.side_key) and q.occurred_at %2$s))"""
        .formatted(NEIGHBOUR_DAYS.formatted("occurred_at"), WITHIN_WINDOW.formatted("p.occurred_at"));

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
                                and d.occurred_at %3$s)""".formatted(NEIGHBOUR_DAYS.formatted("c.processed_at"),
            WITHIN_WINDOW.formatted("c.processed_at"), WITHIN_WINDOW.formatted("c.processed_at"));

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
