-- For each first deposit counted in a window whose click is known: milliseconds from that click to the deposit.
alter table performance_windows add column first_deposit_delays bigint[] not null default '{}';
