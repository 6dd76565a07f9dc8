-- Every deal version ever seen for an offer: a conversion is computed with the version in force when it occurred.
create table deal_versions (
    offer_id            text        not null,
    version             int         not null,
    effective_from      timestamptz not null,
    cpa_amount          numeric,
    min_deposit         numeric,
    rev_share_percent   numeric,
    currency            text        not null,
    negative_carry_over boolean     not null,
    primary key (offer_id, version)
);

-- Every version of a publisher's payout terms, so a replay pays what was agreed when the conversion occurred.
create table publisher_versions (
    publisher_id      text        not null,
    updated_at        timestamptz not null,
    username          text        not null,
    offerwall         boolean     not null,
    rev_share_percent numeric,
    fixed_amount      numeric,
    fixed_currency    text,
    offer_terms       jsonb       not null,
    primary key (publisher_id, updated_at)
);

-- The append-only commission ledger. A correction is a new row that points to the row it reverses.
create table ledger_entries (
    entry_id           text        primary key,
    position           bigserial   not null unique,
    input_event_id     text        not null,
    reverses           text        unique references ledger_entries (entry_id),
    conversion_key     text,
    offer_id           text        not null,
    publisher_id       text,
    click_id           text,
    player_id          text,
    campaign           text,
    kind               text        not null,
    status             text        not null,
    rule               text        not null,
    deal_version       int         not null,
    revenue            numeric     not null,
    revenue_currency   text        not null,
    publisher_payout   numeric     not null,
    payout_currency    text        not null,
    first_deposit      boolean     not null,
    inputs             jsonb       not null,
    occurred_at        timestamptz not null,
    recorded_at        timestamptz not null
);
create unique index ledger_entries_one_main_entry_per_input on ledger_entries (input_event_id) where reverses is null;
create index ledger_entries_by_conversion on ledger_entries (conversion_key) where conversion_key is not null;
create index ledger_entries_by_time on ledger_entries (occurred_at);

create function ledger_entries_are_append_only() returns trigger language plpgsql as $$
begin
    raise exception 'the commission ledger is append-only: write a reversal entry instead';
end;
$$;
create trigger ledger_entries_append_only before update or delete on ledger_entries
    for each row execute function ledger_entries_are_append_only();

-- CPA qualification state (seed 003): each registration qualifies at most one CPA.
create table cpa_registrations (
    id                 bigserial   primary key,
    offer_id           text        not null,
    player_key         text        not null,
    input_event_id     text        not null unique,
    registered_at      timestamptz not null,
    qualified_by_entry text        references ledger_entries (entry_id)
);
create index cpa_registrations_open on cpa_registrations (offer_id, player_key, id) where qualified_by_entry is null;

-- RevShare losses carried over against future profit, for deals with negative carry-over on.
create table revshare_carried_losses (
    offer_id     text    not null,
    player_key   text    not null,
    currency     text    not null,
    carried_loss numeric not null,
    primary key (offer_id, player_key, currency)
);

-- Offerwall end users' points (seed 004): one movement per ledger entry, the balance updated atomically beside it.
create table user_point_movements (
    entry_id     text        primary key references ledger_entries (entry_id),
    publisher_id text        not null,
    user_id      text        not null,
    points       numeric     not null,
    recorded_at  timestamptz not null
);
create table user_points (
    publisher_id text        not null,
    user_id      text        not null,
    points       numeric     not null,
    updated_at   timestamptz not null,
    primary key (publisher_id, user_id)
);

-- Customer lifetime value (seed 000), one row per player and currency: amounts in different currencies never mix.
create table customer_ltv (
    offer_id         text        not null,
    player_id        text        not null,
    currency         text        not null,
    deposit_count    int         not null,
    total_deposits   numeric     not null,
    total_revenue    numeric     not null,
    first_seen_at    timestamptz not null,
    last_activity_at timestamptz not null,
    primary key (offer_id, player_id, currency)
);
create index customer_ltv_by_player on customer_ltv (player_id);

-- Ad spend per campaign and day, the denominator of CPA and ROAS (seed 000, seed 002).
create table ad_spend (
    campaign   text    not null,
    day        date    not null,
    currency   text    not null,
    amount     numeric not null,
    updated_at timestamptz not null,
    primary key (campaign, day, currency)
);
