-- Seed 003 calls carry no transaction id: identical calls are one fact only within a retry window of the first one.
-- `fact` is the key without its time suffix; `claimed_at` is when the fact's postback was received.
alter table postback_dedupe add column fact text;
alter table postback_dedupe add column claimed_at timestamptz;
create index postback_dedupe_fact on postback_dedupe (scope, fact, status, claimed_at) where fact is not null;
