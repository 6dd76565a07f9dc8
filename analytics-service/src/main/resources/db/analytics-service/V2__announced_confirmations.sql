-- The gateway confirmations of Croupier deposits this service announced (PurchaseConfirmed), once per transaction id.
create table announced_confirmations (
    transaction_id text        primary key,
    announced_at   timestamptz not null
);
