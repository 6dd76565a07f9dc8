-- When postback-service received the conversion (the event's receivedAt): a time born with the event id (postback:<log
-- id>), the same in every redelivery and replay of the event, which the conversions are partitioned by (V117). Filled
-- for the conversions stored so far from their encoded events (V116), then required.
alter table conversions add column reported_at timestamptz;
