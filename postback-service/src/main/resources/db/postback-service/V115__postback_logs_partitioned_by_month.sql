-- The postback log partitioned by UTC month of received_at: retention drops whole months (PartitionMaintenance,
-- event-runtime) instead of keeping every call forever, so neither an insert nor a look-up gets slower with the history.
-- A partitioned table's key must include its partition key: the key becomes (id, received_at). It loses nothing: every
-- id is drawn from the one sequence postback_logs_id_seq, so no two rows share an id whatever their time.
-- postback_dedupe (the money dedupe, which never expires) stays as it is and keeps its log ids: a repeat of a postback
-- whose log row has gone is still told apart; only the original's log row (its answer's commission) is no longer shown.
alter table postback_logs rename to postback_logs_unpartitioned;
alter table postback_logs_unpartitioned rename constraint postback_logs_pkey to postback_logs_unpartitioned_pkey;
-- The sequence outlives the old table: the new one draws from it, so the seeds' log ids go on from where they were.
alter sequence postback_logs_id_seq owned by none;
drop index postback_logs_received_at;

create table postback_logs (like postback_logs_unpartitioned including defaults) partition by range (received_at);
alter table postback_logs add primary key (id, received_at);
alter sequence postback_logs_id_seq owned by postback_logs.id;
create index postback_logs_received_at on postback_logs (received_at);
-- A call whose month has no partition (a clock far off) lands here; making its month's partition moves it in.
create table postback_logs_default partition of postback_logs default;

-- One partition per month that has calls, at most two years back (older ones land in the default, and the retention
-- deletes them); the months up to the one ahead are made at start by PartitionMaintenance.
do $$
declare
    month date;
begin
    for month in
        select distinct date_trunc('month', received_at at time zone 'UTC')::date
          from postback_logs_unpartitioned
         where received_at >= now() - interval '2 years'
    loop
        execute format('create table %I partition of postback_logs for values from (%L) to (%L)',
                       'postback_logs_p' || to_char(month, 'YYYYMM'),
                       month::timestamp at time zone 'UTC', (month + interval '1 month')::timestamp at time zone 'UTC');
    end loop;
end
$$;

insert into postback_logs select * from postback_logs_unpartitioned;
drop table postback_logs_unpartitioned;
