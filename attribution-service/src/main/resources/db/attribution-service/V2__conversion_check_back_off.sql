-- How often a parked conversion was checked in vain; the scheduled re-check backs off with it.
alter table conversions add column checks int not null default 0;
