-- The offer catalogue as far as the optimizer needs it, read from the compacted offers topic.
create table offers (
    offer_id   bigint      primary key,
    name       text        not null,
    active     boolean     not null,
    updated_at timestamptz not null
);

-- Per-offer funnel counts per tumbling window; a later revision of a window replaces the earlier one.
create table offer_performance (
    offer_id       bigint      not null,
    window_start   timestamptz not null,
    window_end     timestamptz not null,
    clicks         bigint      not null,
    registrations  bigint      not null,
    first_deposits bigint      not null,
    revision       bigint      not null,
    event_id       text        not null,
    primary key (offer_id, window_start)
);

-- What the casino pays Croupier per ledger entry (reversals negative), in the entry's own currency.
create table revenue_entries (
    entry_id    text          primary key,
    offer_id    bigint        not null,
    amount      numeric       not null,
    currency    char(3)       not null,
    status      text          not null,
    rule        text          not null,
    reverses    text,
    occurred_at timestamptz   not null
);
create index revenue_entries_by_offer_and_time on revenue_entries (offer_id, occurred_at);

-- Every computed weight set with its inputs, so any weight change can be explained afterwards.
create table weight_sets (
    weight_set_id      bigserial     primary key,
    computed_at        timestamptz   not null,
    trigger            text          not null,
    -- The scheduled cycle this set belongs to; unique, so one set per cycle however many instances run.
    cycle_start        timestamptz   unique,
    last_n_clicks      integer       not null,
    weight_floor       numeric(9,6)  not null,
    reference_currency char(3)       not null,
    max_ev             numeric(19,6) not null
);

create table weight_set_entries (
    weight_set_id   bigint        not null references weight_sets,
    offer_id        bigint        not null,
    offer_name      text          not null,
    active          boolean       not null,
    sample_since    timestamptz,
    clicks          bigint        not null,
    first_deposits  bigint        not null,
    payout          numeric       not null,
    conversion_rate numeric(19,6) not null,
    average_payout  numeric(19,6),
    ev              numeric(19,6) not null,
    weight          numeric(9,6)  not null,
    primary key (weight_set_id, offer_id)
);

-- The revenue behind each entry's payout as it was earned, per currency, with the rate used (null: no rate, left out).
create table weight_set_revenue (
    weight_set_id bigint        not null,
    offer_id      bigint        not null,
    currency      char(3)       not null,
    amount        numeric       not null,
    rate          numeric(19,8),
    primary key (weight_set_id, offer_id, currency),
    foreign key (weight_set_id, offer_id) references weight_set_entries
);
