-- A signed message id remembers what it was accepted as: the log row its first call produced and a digest of what it
-- carried, so that the sender's resend of the same message (same id and content, a new timestamp and signature, as
-- Standard Webhooks resends) is answered as the duplicate it is instead of refused as a replay. Rows claimed before
-- this migration have neither and keep being refused.
alter table inbound_messages
    add column log_id         bigint,
    add column content_digest text;
