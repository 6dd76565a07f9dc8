-- Player events are kept by event-runtime's PartitionMaintenance, like every table partitioned by time: its partitions
-- are named <table>_p<yyyyMM> and it has a default partition, where an event of a month without partition would land
-- instead of failing (POST /event refuses those anyway: older than the retention or ahead of the clock).
do $$
declare
    month record;
begin
    for month in
        select child.relname
          from pg_inherits
          join pg_class child on child.oid = pg_inherits.inhrelid
          join pg_class parent on parent.oid = pg_inherits.inhparent
          join pg_namespace ns on ns.oid = parent.relnamespace
         where parent.relname = 'player_events' and ns.nspname = current_schema()
           and child.relname ~ '^player_events_y[0-9]{4}m[0-9]{2}$'
    loop
        execute format('alter table %I rename to %I', month.relname,
                       regexp_replace(month.relname, '^player_events_y([0-9]{4})m([0-9]{2})$', 'player_events_p\1\2'));
    end loop;
end
$$;
create table player_events_default partition of player_events default;
