-- Facts about one conversion and one player are attributed in the order postback-service accepted them: by the
-- postback log id, among the conversions sharing an order key (its click, its player, its sub id, its identity).
alter table conversions add column postback_log_id bigint;
alter table conversions add column order_keys text[];
update conversions
   set postback_log_id = cast(substring(event_id from '^postback:([0-9]+)$') as bigint),
       order_keys = array_remove(array[
           'click:' || click_id,
           'player:' || coalesce(offer_id, '') || ':' || player_id,
           'sub:' || coalesce(offer_id, '') || ':' || sub_id], null);
alter table conversions alter column order_keys set not null;
-- What a conversion may have to wait behind: the conversions still waiting (not attributed, not given up).
create index conversions_waiting_by_order_key on conversions using gin (order_keys)
    where state <> 'ATTRIBUTED' and next_check_at is not null;
