-- Conversions partitioned by UTC month of reported_at (when postback-service received them): retention drops whole
-- months (PartitionMaintenance, event-runtime) except those still holding a parked conversion.
-- A partitioned table's keys must include its partition key: the key becomes (event_id, reported_at) and seq's
-- uniqueness (seq, reported_at). Both stay exact: reported_at travels in the event with its id, so a redelivered
-- conversion carries the same pair and is still a conflict; seq is drawn from one sequence.
alter table conversions alter column reported_at set not null;
alter table conversions rename to conversions_unpartitioned;
alter table conversions_unpartitioned rename constraint conversions_pkey to conversions_unpartitioned_pkey;
alter table conversions_unpartitioned rename constraint conversions_seq_key to conversions_unpartitioned_seq_key;
-- The sequence outlives the old table: the new one draws from it, so seq (the lists' cursors) goes on.
alter sequence conversions_seq_seq owned by none;
drop index conversions_due;
drop index conversions_waiting_for_click;
drop index conversions_waiting_for_player;
drop index conversions_by_attributed_click;
drop index conversions_unattributed;
drop index conversions_parked;

create table conversions (like conversions_unpartitioned including defaults including constraints)
    partition by range (reported_at);
alter table conversions add primary key (event_id, reported_at);
alter table conversions add constraint conversions_seq_key unique (seq, reported_at);
alter sequence conversions_seq_seq owned by conversions.seq;
create index conversions_due on conversions (next_check_at) where next_check_at is not null;
create index conversions_waiting_for_click on conversions (click_id) where state <> 'ATTRIBUTED';
create index conversions_waiting_for_player on conversions (offer_id, player_id) where state <> 'ATTRIBUTED';
create index conversions_by_attributed_click on conversions (attributed_click_id);
create index conversions_unattributed on conversions (seq) where state = 'UNATTRIBUTED';
create index conversions_parked on conversions (seq) where next_check_at is not null;
-- A conversion whose month has no partition (a clock far off) lands here; making its month's partition moves it in.
create table conversions_default partition of conversions default;

-- One partition per month that has conversions, at most two years back (older ones land in the default, where the
-- retention deletes them unless they are parked); the months ahead are made at start by PartitionMaintenance.
do $$
declare
    month date;
begin
    for month in
        select distinct date_trunc('month', reported_at at time zone 'UTC')::date
          from conversions_unpartitioned
         where reported_at >= now() - interval '2 years'
    loop
        execute format('create table %I partition of conversions for values from (%L) to (%L)',
                       'conversions_p' || to_char(month, 'YYYYMM'),
                       month::timestamp at time zone 'UTC', (month + interval '1 month')::timestamp at time zone 'UTC');
    end loop;
end
$$;

insert into conversions select * from conversions_unpartitioned;
drop table conversions_unpartitioned;
