-- Deals that hold a qualifying first deposit's CPA payout until the payment gateway confirms the deposit; off for
-- every version published before the setting existed.
alter table deal_versions add column cpa_requires_confirmation boolean not null default false;

-- The gateway's confirmations analytics-service announced (PurchaseConfirmed), one per transaction id: a deposit
-- qualifying after its confirmation arrived is paid at once.
create table purchase_confirmations (
    transaction_id text        primary key,
    event_id       text        not null,
    player_id      text,
    amount         numeric     not null,
    currency       text        not null,
    processed_at   timestamptz not null,
    received_at    timestamptz not null
);

-- A confirmation finds the payouts held for it by the deposit's transaction id.
create index ledger_entries_awaiting_gateway on ledger_entries ((reference ->> 'transaction_id'))
    where inputs ->> 'held_until' = 'gateway_confirmation';
