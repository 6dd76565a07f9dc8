-- Every inbound call, accepted or not. The id is the log id the seeds return and the root of the event id.
create table postback_logs (
    id                  bigserial   primary key,
    received_at         timestamptz not null,
    source_ip           text,
    method              text        not null,
    path                text        not null,
    query               text,
    body                text,
    format              text        not null,
    outcome             text        not null,
    message             text,
    offer_id            text,
    event_id            text,
    duplicate_of        bigint,
    commission          numeric,
    commission_currency text
);

create index postback_logs_received_at on postback_logs (received_at);

-- The permanent dedupe key: one accepted postback per (offer or house, transaction, status). Never expires.
create table postback_dedupe (
    scope        text   not null,
    dedupe_key   text   not null,
    status       text   not null,
    log_id       bigint not null,
    primary key (scope, dedupe_key, status)
);

-- Offers replicated from the compacted offers topic: what authenticates and identifies a postback.
create table offers (
    offer_id        text        primary key,
    name            text        not null,
    postback_secret text        not null,
    house_slug      text,
    partner_key     text,
    deal_currency   text        not null,
    active          boolean     not null,
    updated_at      timestamptz not null
);

create index offers_postback_secret on offers (postback_secret);
create index offers_house_slug on offers (house_slug);
create index offers_partner_key on offers (partner_key);

-- Publishers replicated from the compacted publishers topic: seed 003's subid is a publisher's username.
create table publishers (
    publisher_id text    primary key,
    username     text    not null,
    active       boolean not null
);

create index publishers_username on publishers (username);
