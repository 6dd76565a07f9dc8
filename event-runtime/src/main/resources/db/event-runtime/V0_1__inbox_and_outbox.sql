-- The idempotent consumer: one row per (consumer, event id) applied, written in the transaction that applied it.
create table processed_events (
    consumer     text        not null,
    event_id     text        not null,
    processed_at timestamptz not null default now(),
    primary key (consumer, event_id)
);

-- The transactional outbox: encoded events waiting for the relay, in the order they were written.
create table outbox_events (
    id          bigserial   primary key,
    topic       text        not null,
    record_key  text,
    payload     bytea       not null,
    created_at  timestamptz not null default now()
);
