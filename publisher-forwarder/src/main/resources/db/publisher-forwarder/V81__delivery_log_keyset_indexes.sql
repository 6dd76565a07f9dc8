-- The admin's delivery lists are paged newest first by (time, id): each page is an index range in order, however
-- deep, instead of a sort of every delivery of the publisher (or every dead one).
create index deliveries_by_publisher_newest on deliveries (publisher_id, received_at desc, id desc);
drop index deliveries_by_publisher;
create index deliveries_dead_newest on deliveries (dead_at desc, id desc) where state = 'DEAD';
create index deliveries_dead_by_publisher_newest on deliveries (publisher_id, dead_at desc, id desc)
    where state = 'DEAD';
drop index deliveries_dead;
