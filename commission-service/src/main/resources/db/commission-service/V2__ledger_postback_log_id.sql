-- The accepted postback each entry's conversion was reported in, carried by the events instead of being parsed out of
-- the input event id. Null on entries written before: the ledger is append-only, so they are not rewritten.
alter table ledger_entries add column postback_log_id bigint;
