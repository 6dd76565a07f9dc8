-- Clicks partitioned by UTC day of occurred_at: retention drops whole days (PartitionMaintenance, event-runtime) instead
-- of deleting rows, so neither an insert, a look-up nor the retention pass gets slower with the clicks kept.
-- A partitioned table's key must include its partition key: the key becomes (click_id, occurred_at). It stays exact:
-- a click's time is born with its id (click-service makes the id from the same instant) and travels in the event, so a
-- redelivered click carries the same pair and is still skipped.
alter table clicks rename to clicks_unpartitioned;
alter table clicks_unpartitioned rename constraint clicks_pkey to clicks_unpartitioned_pkey;
drop index clicks_by_offer_and_time;
drop index clicks_by_time;

create table clicks (like clicks_unpartitioned including defaults) partition by range (occurred_at);
alter table clicks add primary key (click_id, occurred_at);
-- The fallback match: the most recent click of an offer before a moment, in the few days its window spans.
create index clicks_by_offer_and_time on clicks (offer_id, occurred_at desc);
-- A click whose day has no partition (a clock far off) lands here; making its day's partition moves it in.
create table clicks_default partition of clicks default;

-- One partition per day that has clicks, at most a year back (older ones land in the default, and the retention
-- deletes them); the days without clicks up to a few days ahead are made at start by PartitionMaintenance.
do $$
declare
    day date;
begin
    for day in
        select distinct (occurred_at at time zone 'UTC')::date
          from clicks_unpartitioned
         where occurred_at >= now() - interval '1 year'
    loop
        execute format('create table %I partition of clicks for values from (%L) to (%L)',
                       'clicks_p' || to_char(day, 'YYYYMMDD'),
                       day::timestamp at time zone 'UTC', (day + 1)::timestamp at time zone 'UTC');
    end loop;
end
$$;

insert into clicks select * from clicks_unpartitioned;
drop table clicks_unpartitioned;
