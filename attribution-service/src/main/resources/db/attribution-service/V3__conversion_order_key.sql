-- The order key postback-service gave the conversion (its Kafka key, carried in the event since schema v2); the
-- attributed conversion is published under it. Conversions stored before were keyed by the same rule, so theirs is
-- derived from the columns once, here.
alter table conversions add column order_key text;
update conversions
   set order_key = case
       when player_id is not null then coalesce(offer_id, 'unknown') || ':player:' || player_id
       when sub_id is not null then coalesce(offer_id, 'unknown') || ':sub:' || sub_id
       when click_id is not null then click_id
       else coalesce(offer_id, 'unknown') end;
alter table conversions alter column order_key set not null;
