-- The attempt log partitioned by UTC day of its delivery's arrival (deliveries.received_at, carried into each attempt
-- as delivery_received_at): retention drops whole days (PartitionMaintenance, event-runtime) instead of keeping every
-- attempt forever.
-- A partitioned table's key must include its partition key: the key becomes (delivery_id, attempt,
-- delivery_received_at). It is exactly as strong as (delivery_id, attempt): a delivery's arrival time is set once, when
-- its row is inserted, and never changes, so every attempt of one delivery carries the same time and two attempts with
-- one number still collide, whenever each was started. (The attempt's own started_at would have left the number's
-- uniqueness to the delivery's lease alone.) A delivery's attempts are all in one partition, found by its id and time.
alter table delivery_attempts rename to delivery_attempts_unpartitioned;
alter table delivery_attempts_unpartitioned rename constraint delivery_attempts_pkey
    to delivery_attempts_unpartitioned_pkey;
alter table delivery_attempts_unpartitioned rename constraint delivery_attempts_delivery_id_fkey
    to delivery_attempts_unpartitioned_delivery_id_fkey;

create table delivery_attempts (
    delivery_id          text        not null references deliveries (id),
    attempt              integer     not null,
    delivery_received_at timestamptz not null,
    started_at           timestamptz not null,
    method               text        not null,
    url                  text        not null,
    outcome              text        not null,
    status_code          integer,
    latency_ms           integer     not null,
    response_excerpt     text,
    error                text,
    primary key (delivery_id, attempt, delivery_received_at)
) partition by range (delivery_received_at);
-- A delivery whose day has no partition (a clock far off) has its attempts here; making the day moves them in.
create table delivery_attempts_default partition of delivery_attempts default;

-- One partition per day that has deliveries with attempts, at most a year back (older ones land in the default, and
-- the retention deletes them); the days up to a few ahead are made at start by PartitionMaintenance.
do $$
declare
    day date;
begin
    for day in
        select distinct (d.received_at at time zone 'UTC')::date
          from deliveries d
         where d.received_at >= now() - interval '1 year'
           and exists (select 1 from delivery_attempts_unpartitioned a where a.delivery_id = d.id)
    loop
        execute format('create table %I partition of delivery_attempts for values from (%L) to (%L)',
                       'delivery_attempts_p' || to_char(day, 'YYYYMMDD'),
                       day::timestamp at time zone 'UTC', (day + 1)::timestamp at time zone 'UTC');
    end loop;
end
$$;

insert into delivery_attempts (delivery_id, attempt, delivery_received_at, started_at, method, url, outcome,
                               status_code, latency_ms, response_excerpt, error)
select a.delivery_id, a.attempt, d.received_at, a.started_at, a.method, a.url, a.outcome, a.status_code,
       a.latency_ms, a.response_excerpt, a.error
  from delivery_attempts_unpartitioned a
  join deliveries d on d.id = a.delivery_id;
drop table delivery_attempts_unpartitioned;
