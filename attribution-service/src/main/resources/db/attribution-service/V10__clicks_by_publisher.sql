-- A publisher's clicks, newest first, a page at a time (GET /clicks?publisher_id=, and every publisher's own portal):
-- the index is in the list's order, so a page reads its rows and no more.
create index clicks_by_publisher_and_time on clicks (publisher_id, occurred_at desc, click_id desc);
