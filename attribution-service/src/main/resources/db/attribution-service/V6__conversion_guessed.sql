-- Whether the attribution's link to its click is a guess (a fallback match, or a player link that one made).
alter table conversions add column guessed boolean not null default false;
