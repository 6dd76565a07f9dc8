-- V30 rebuilt clicks as a partitioned table and dropped the old table with V10's index: a publisher's clicks, newest
-- first, a page at a time, need it on the partitions too.
create index clicks_by_publisher_and_time on clicks (publisher_id, occurred_at desc, click_id desc);
