-- Which policy computed each set, the share of clicks it explores, and the settings it ran with (the default
-- policy's; seed 001's are the columns). Sets stored before were seed 001's, with its 20 % exploration.
alter table weight_sets add column policy text not null default 'SEED_EV';
alter table weight_sets alter column policy drop default;
alter table weight_sets add column exploration_rate numeric(9,6) not null default 0.2;
alter table weight_sets alter column exploration_rate drop default;
alter table weight_sets add column settings jsonb;
alter table weight_sets alter column last_n_clicks drop not null;
-- Sets are computed every minute; the retention deletes the oldest.
create index weight_sets_by_computed_at on weight_sets (computed_at);

-- What the default policy saw and concluded about each offer (seed 001's sets: null).
alter table weight_set_entries add column evidence jsonb;

-- Seed 001's manual weight: click-service routes an offer by it until a weight set names the offer.
alter table offers add column manual_weight double precision not null default 1;

-- What the entry was for: a PROFIT share arrives weeks after the deposit, everything else with it. Entries stored
-- before are taken for revenue that came with the deposit.
alter table revenue_entries add column kind text not null default 'DEPOSIT';
alter table revenue_entries alter column kind drop default;

-- For each first deposit of the window whose click is known: milliseconds from the click to the deposit.
alter table offer_performance add column first_deposit_delays bigint[] not null default '{}';
-- The default policy reads the delays of the last weeks' windows every minute: only windows that have any.
create index offer_performance_with_delays on offer_performance (offer_id, window_start)
    where cardinality(first_deposit_delays) > 0;

-- The windows summed per hour, kept with every window stored: the default policy reads weeks of them every minute.
create table offer_hours (
    offer_id       bigint      not null,
    hour_start     timestamptz not null,
    clicks         bigint      not null,
    first_deposits bigint      not null,
    primary key (offer_id, hour_start)
);
insert into offer_hours (offer_id, hour_start, clicks, first_deposits)
select offer_id, date_bin('1 hour', window_start, timestamptz 'epoch'), sum(clicks), sum(first_deposits)
from offer_performance
group by 1, 2;
