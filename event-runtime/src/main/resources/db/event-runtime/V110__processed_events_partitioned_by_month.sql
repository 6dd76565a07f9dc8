-- The inbox partitioned by the month its ids were applied in (UTC), so that retention drops whole months instead of
-- the table growing forever. A partitioned table's unique key must contain its partition key: (consumer, event_id)
-- stays exact through the inbox's advisory lock per id (event-runtime's Inbox), and the key below serves its look-up.
-- Every row already there is kept, in the partition of the month it was applied in; PartitionMaintenance then makes
-- the months ahead and drops the months fallen out of retention (croupier.events.inbox.retention).
alter table processed_events rename to processed_events_before_partitioning;
alter table processed_events_before_partitioning
    rename constraint processed_events_pkey to processed_events_before_partitioning_pkey;

create table processed_events (
    consumer     text        not null,
    event_id     text        not null,
    processed_at timestamptz not null default now(),
    primary key (consumer, event_id, processed_at)
) partition by range (processed_at);

-- Catches an id whose month has no partition yet (a clock far off) instead of failing its transaction.
create table processed_events_default partition of processed_events default;

-- One partition per month from the oldest row's to the next one, named as PartitionMaintenance names them
-- (processed_events_p<yyyyMM>). Months are counted on UTC wall-clock time, whatever the session's time zone.
do $$
declare
    month timestamp;
begin
    for month in
        select generate_series(date_trunc('month', coalesce(min(processed_at), now()) at time zone 'UTC'),
                               date_trunc('month', now() at time zone 'UTC') + interval '1 month',
                               interval '1 month')
          from processed_events_before_partitioning
    loop
        execute format('create table %I partition of processed_events for values from (%L) to (%L)',
                       'processed_events_p' || to_char(month, 'YYYYMM'),
                       month at time zone 'UTC', (month + interval '1 month') at time zone 'UTC');
    end loop;
end $$;

insert into processed_events (consumer, event_id, processed_at)
select consumer, event_id, processed_at from processed_events_before_partitioning;

drop table processed_events_before_partitioning;
