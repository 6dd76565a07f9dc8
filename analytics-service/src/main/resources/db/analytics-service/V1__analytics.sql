-- Player events (seed 002 POST /event), partitioned by month of the event's own time. EventPartitions creates the
-- months from the retention horizon to a few months ahead and drops whole months once they fall out of retention.
create table player_events (
    id              bigserial   not null,
    player_id       text        not null,
    event_type      text        not null,
    meta            text,
    occurred_at     timestamptz not null,
    received_at     timestamptz not null default now(),
    offer_id        text,
    house           text,
    client_event_id text,
    primary key (occurred_at, id)
) partition by range (occurred_at);
create index player_events_of_player on player_events (player_id, occurred_at desc, id desc);
-- A client's retry of the same event (same player, event id and timestamp) is stored once.
create unique index player_events_client_retry on player_events (player_id, client_event_id, occurred_at)
    where client_event_id is not null;

-- One row per bulk import, with its outcome and the rows it could not take.
create table imports (
    import_id          bigserial   primary key,
    kind               text        not null,
    format             text        not null,
    file_name          text,
    on_conflict        text        not null,
    received_at        timestamptz not null default now(),
    row_count          int         not null default 0,
    inserted           int         not null default 0,
    replaced           int         not null default 0,
    unchanged          int         not null default 0,
    conflicts          int         not null default 0,
    rejected           int         not null default 0,
    problems           json        not null default '[]',
    problems_truncated boolean     not null default false
);

-- Purchases as an attribution provider reports them (purchases_raw.csv). The key is the transaction id when the
-- provider gives one, else the player, time, amount and currency (a JSON array of those parts).
create table provider_purchases (
    purchase_key   text        primary key,
    transaction_id text,
    player_id      text        not null,
    occurred_at    timestamptz not null,
    amount         numeric     not null check (amount > 0),
    currency       text        not null,
    event_name     text        not null,
    campaign       text,
    media_source   text,
    appsflyer_id   text,
    import_id      bigint      not null references imports,
    row_no         int         not null
);
create index provider_purchases_by_transaction on provider_purchases (transaction_id, occurred_at)
    where transaction_id is not null;
create index provider_purchases_by_time on provider_purchases (occurred_at);
create index provider_purchases_by_player on provider_purchases (player_id, occurred_at);

-- What the payment gateway confirmed or charged back (confirmed_purchases.csv); one row per transaction and status.
create table gateway_confirmations (
    confirmation_key text        primary key,
    transaction_id   text        not null,
    player_id        text        not null,
    amount           numeric     not null check (amount > 0),
    currency         text        not null,
    processed_at     timestamptz not null,
    status           text        not null check (status in ('confirmed', 'chargeback')),
    import_id        bigint      not null references imports,
    row_no           int         not null
);
create index gateway_confirmations_by_transaction on gateway_confirmations (transaction_id, processed_at);
create index gateway_confirmations_by_time on gateway_confirmations (processed_at) where status = 'confirmed';
create index gateway_chargebacks_by_time on gateway_confirmations (processed_at) where status = 'chargeback';
create index gateway_confirmations_by_player on gateway_confirmations (player_id, processed_at);

-- Ad spend per day, media source, campaign and currency (costs_daily.csv).
create table ad_spend (
    spend_key    text    primary key,
    day          date    not null,
    media_source text,
    campaign     text    not null,
    amount       numeric not null check (amount >= 0),
    currency     text    not null,
    import_id    bigint  not null references imports,
    row_no       int     not null
);
create index ad_spend_by_day on ad_spend (day);

-- Player sessions (sessions.csv), counted as daily actives on the day they start.
create table sessions (
    session_key  text        primary key,
    session_id   text,
    player_id    text        not null,
    started_at   timestamptz not null,
    ended_at     timestamptz,
    campaign     text,
    media_source text,
    import_id    bigint      not null references imports,
    row_no       int         not null
);
create index sessions_by_time on sessions (started_at, player_id);

-- Croupier's own money facts about players, from croupier.attributed-conversions: approved deposits and first
-- deposits with an amount, and chargebacks. The event id is the key, so a redelivered event is stored once.
create table croupier_deposits (
    event_id       text        primary key,
    kind           text        not null check (kind in ('DEPOSIT', 'FTD', 'CHARGEBACK')),
    transaction_id text,
    player_id      text,
    offer_id       text        not null,
    publisher_id   text,
    campaign       text,
    media_source   text,
    amount         numeric     check (amount > 0),
    currency       text,
    occurred_at    timestamptz not null,
    consumed_at    timestamptz not null default now(),
    check (kind = 'CHARGEBACK' or amount is not null)
);
create index croupier_deposits_by_transaction on croupier_deposits (transaction_id, occurred_at)
    where transaction_id is not null;
create index croupier_deposits_by_time on croupier_deposits (occurred_at) where kind <> 'CHARGEBACK';
create index croupier_chargebacks_by_time on croupier_deposits (occurred_at) where kind = 'CHARGEBACK';
create index croupier_deposits_by_player on croupier_deposits (player_id, occurred_at);

-- Each player's campaign: the campaign of the earliest fact about the player that names one. Facts that name none
-- (a session or purchase without a campaign) are counted under it.
create table player_campaigns (
    player_id text        primary key,
    campaign  text        not null,
    seen_at   timestamptz not null
);

-- Pipeline runs. A run writes all its outputs in one transaction; a scheduled run happens once per day.
create table pipeline_runs (
    run_id      bigint      primary key,
    day         date        not null,
    trigger     text        not null check (trigger in ('SCHEDULED', 'ON_DEMAND')),
    status      text        not null check (status in ('COMPLETED', 'FAILED')),
    started_at  timestamptz not null,
    finished_at timestamptz not null,
    figures     json,
    error       text
);
create sequence pipeline_run_ids owned by pipeline_runs.run_id;
create unique index one_scheduled_run_per_day on pipeline_runs (day)
    where trigger = 'SCHEDULED' and status = 'COMPLETED';
create index pipeline_runs_by_day on pipeline_runs (day, run_id desc);

-- Outputs. Every run of a day replaces that day's rows; run_id says which run wrote them.
-- seq follows the purchases' time within a day (they are inserted in that order), so a day reads in time order
-- straight off the primary key, and an insert only ever appends to it.
create table curated_purchases (
    day            date        not null,
    seq            bigint      generated always as identity,
    purchase_key   text        not null,
    source         text        not null check (source in ('croupier', 'provider')),
    transaction_id text,
    player_id      text,
    occurred_at    timestamptz not null,
    amount         numeric     not null,
    currency       text        not null,
    campaign       text,
    media_source   text,
    run_id         bigint      not null,
    primary key (day, seq)
);

create table reconciliation_totals (
    day                               date    not null,
    currency                          text    not null,
    purchases                         int     not null,
    purchase_amount                   numeric not null,
    purchases_matched_by_transaction  int     not null,
    purchases_matched_by_player       int     not null,
    unmatched_purchases               int     not null,
    unmatched_purchase_amount         numeric not null,
    confirmations                     int     not null,
    confirmation_amount               numeric not null,
    confirmations_matched_by_transaction int  not null,
    confirmations_matched_by_player   int     not null,
    unmatched_confirmations           int     not null,
    unmatched_confirmation_amount     numeric not null,
    amount_mismatches                 int     not null,
    currency_mismatches               int     not null,
    run_id                            bigint  not null,
    primary key (day, currency)
);

-- The exceptions of a day's reconciliation: unmatched rows, pairs made by player and amount, and mismatches.
create table reconciliation_items (
    day                   date        not null,
    kind                  text        not null check (kind in ('UNMATCHED_PURCHASE', 'UNMATCHED_CONFIRMATION',
                                          'MATCHED_BY_PLAYER_AND_AMOUNT', 'AMOUNT_MISMATCH', 'CURRENCY_MISMATCH')),
    purchase_source       text,
    purchase_key          text,
    purchase_transaction  text,
    purchase_player       text,
    purchased_at          timestamptz,
    purchase_amount       numeric,
    purchase_currency     text,
    confirmation_key      text,
    confirmation_transaction text,
    confirmation_player   text,
    confirmed_at          timestamptz,
    confirmation_amount   numeric,
    confirmation_currency text,
    run_id                bigint      not null
);
create index reconciliation_items_by_day on reconciliation_items (day, kind);

create table roas_daily (
    day               date    not null,
    campaign          text,
    currency          text    not null,
    purchases         int     not null,
    gross_revenue     numeric not null,
    chargebacks       int     not null,
    chargeback_amount numeric not null,
    net_revenue       numeric not null,
    spend             numeric,
    roas              numeric,
    status            text    not null check (status in ('OK', 'NO_SPEND', 'ZERO_SPEND')),
    run_id            bigint  not null,
    unique nulls not distinct (day, campaign, currency)
);
create index roas_daily_by_campaign on roas_daily (campaign, currency, day);

create table roas_anomalies (
    day             date    not null,
    campaign        text    not null,
    currency        text    not null,
    roas            numeric not null,
    spend           numeric not null,
    baseline_median numeric not null,
    baseline_mad    numeric not null,
    baseline_days   int     not null,
    robust_z        numeric,
    direction       text    not null check (direction in ('DROP', 'SPIKE')),
    reason          text    not null,
    run_id          bigint  not null,
    primary key (day, campaign, currency)
);

-- One row per campaign and revenue currency; a campaign with active players but no revenue has one row without one.
create table arpdau_daily (
    day            date    not null,
    campaign       text,
    active_players int     not null,
    currency       text,
    net_revenue    numeric,
    arpdau         numeric,
    run_id         bigint  not null,
    unique nulls not distinct (day, campaign, currency)
);
