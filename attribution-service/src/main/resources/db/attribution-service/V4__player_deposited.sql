-- Whether an approved deposit of the player was attributed: the history that decides first-ness when the casino sends
-- no first-deposit flag. A player whose first deposit was counted has deposited.
alter table player_links add column deposited boolean not null default false;
update player_links set deposited = first_deposit_counted;
