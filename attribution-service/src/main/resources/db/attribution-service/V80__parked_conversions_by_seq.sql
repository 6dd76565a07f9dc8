-- The operators' list of parked conversions (still re-checked: not attributed, not given up) pages in seq order; the
-- rows it reads are few beside all the conversions kept, so a partial index holds only them.
create index conversions_parked on conversions (seq) where next_check_at is not null;
