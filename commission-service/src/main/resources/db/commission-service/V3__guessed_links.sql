-- What the deal does with the publisher's money when a conversion's link to its click is a guess.
alter table deal_versions add column guessed_links text not null default 'PAY';

-- How each entry's conversion was attributed, what its publisher's postback names, and the payouts held for an
-- operator's decision: the decision is a new entry pointing at the held one (resolves), at most one per held entry.
alter table ledger_entries
    add column attribution_method  text,
    add column attribution_warning text,
    add column guessed_link        boolean not null default false,
    add column held_payout         numeric,
    add column resolves            text unique references ledger_entries (entry_id),
    add column reference           jsonb;
create index ledger_entries_held on ledger_entries (position) where held_payout is not null;
