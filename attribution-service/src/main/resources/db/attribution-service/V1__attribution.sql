-- Every click routed by click-service, kept for the retention period (croupier.attribution.clicks.retention).
create table clicks (
    click_id     text        primary key,
    offer_id     text        not null,
    publisher_id text,
    source       text,
    campaign     text,
    sub1         text,
    sub2         text,
    sub3         text,
    sub4         text,
    sub5         text,
    ip           text,
    user_agent   text,
    referrer     text,
    occurred_at  timestamptz not null,
    stored_at    timestamptz not null default now()
);
-- The fallback match: the most recent click of an offer before a moment.
create index clicks_by_offer_and_time on clicks (offer_id, occurred_at desc);
-- Retention deletes by age; clicks arrive roughly in time order, so a block range index is enough and costs nothing.
create index clicks_by_time on clicks using brin (occurred_at);

-- Publishers as published on the compacted publishers topic; only what attribution needs.
create table publishers (
    publisher_id text    primary key,
    username     text    not null,
    active       boolean not null
);
create index publishers_by_username on publishers (username);

-- A casino player joined to the click (and publisher) of the conversion that first identified them.
create table player_links (
    offer_id              text        not null,
    player_id             text        not null,
    click_id              text,
    publisher_id          text,
    source                text,
    campaign              text,
    sub1                  text,
    sub2                  text,
    sub3                  text,
    sub4                  text,
    sub5                  text,
    method                text        not null,
    linked_by             text        not null,
    first_deposit_counted boolean     not null default false,
    linked_at             timestamptz not null default now(),
    primary key (offer_id, player_id)
);

-- Every reported conversion and what attribution decided for it. The encoded event is kept so a parked conversion
-- can be attributed later exactly as it was reported.
create table conversions (
    event_id            text        primary key,
    seq                 bigserial   not null unique,
    payload             bytea       not null,
    kind                text        not null,
    status              text        not null,
    offer_id            text,
    click_id            text,
    player_id           text,
    sub_id              text,
    amount              numeric,
    currency            text,
    occurred_at         timestamptz not null,
    received_at         timestamptz not null,
    grace_until         timestamptz not null,
    state               text        not null check (state in ('PENDING', 'ATTRIBUTED', 'UNATTRIBUTED')),
    reason              text,
    next_check_at       timestamptz,
    method              text,
    attributed_offer_id text,
    publisher_id        text,
    attributed_click_id text,
    warning             text,
    attributed_at       timestamptz
);
create index conversions_due on conversions (next_check_at) where next_check_at is not null;
create index conversions_waiting_for_click on conversions (click_id) where state <> 'ATTRIBUTED';
create index conversions_waiting_for_player on conversions (offer_id, player_id) where state <> 'ATTRIBUTED';
create index conversions_by_attributed_click on conversions (attributed_click_id);
create index conversions_unattributed on conversions (seq) where state = 'UNATTRIBUTED';

-- Funnel counts per offer and tumbling window; a dirty window is (re)published with the next revision.
create table performance_windows (
    offer_id       text        not null,
    window_start   timestamptz not null,
    window_end     timestamptz not null,
    clicks         bigint      not null default 0,
    registrations  bigint      not null default 0,
    first_deposits bigint      not null default 0,
    revision       int         not null default 0,
    dirty          boolean     not null default true,
    primary key (offer_id, window_start)
);
create index performance_windows_dirty on performance_windows (offer_id, window_start) where dirty;

create table performance_deposit_volume (
    offer_id     text        not null,
    window_start timestamptz not null,
    currency     text        not null,
    amount       numeric     not null,
    primary key (offer_id, window_start, currency)
);
