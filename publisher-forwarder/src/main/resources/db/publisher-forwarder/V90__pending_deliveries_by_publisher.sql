-- Leasing walks the publishers with pending deliveries and reads each one's oldest due rows from this index. It
-- replaces deliveries_due: walking that one by time stepped over the entries of every publisher and over every
-- delivery settled since the last vacuum, so a claim slowed down as a burst was worked off.
create index deliveries_pending_by_publisher on deliveries (publisher_id, next_attempt_at, id) where state = 'PENDING';
drop index deliveries_due;
