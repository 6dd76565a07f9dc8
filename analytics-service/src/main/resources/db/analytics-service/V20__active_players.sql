-- Each day's active players (a session starting or a player event on that UTC day), kept as their facts arrive, so a
-- day's ARPDAU reads its distinct players instead of working them out of every session and event of the day.
create table active_players (
    day       date not null,
    player_id text not null,
    primary key (day, player_id)
);

insert into active_players (day, player_id)
select (started_at at time zone 'UTC')::date, player_id from sessions
union
select (occurred_at at time zone 'UTC')::date, player_id from player_events;
