-- Later revenue (RevShare) belongs to its player's deposit cohort: each entry keeps its player, and whether it is the
-- player's first deposit (LedgerEntryRecorded.firstDeposit), so the evidence query finds when each player's cohort
-- began. Entries stored before this carry neither: their later revenue counts in the cohort of the hour it came in.
alter table revenue_entries add column player_id text;
alter table revenue_entries add column first_deposit boolean not null default false;
create index revenue_entries_first_deposits on revenue_entries (offer_id, player_id, occurred_at)
    where first_deposit and reverses is null;
