-- Facts about one conversion and one player are attributed in the order postback-service accepted them: by the
-- postback log id, among the conversions sharing an order key (its click, its player, its sub id, its identity).
alter table conversions add column postback_log_id bigint;
update conversions set postback_log_id = cast(substring(event_id from '^postback:([0-9]+)$') as bigint);

-- The order keys of the conversions still waiting (parked, not given up): what a conversion about to be attributed must
-- wait behind, and what its attribution releases. A conversion's rows are written when it parks and removed when it is
-- attributed or given up, so most conversions never have any and the look-up every attribution makes stays small. (A
-- partial index over conversions did the same, but reading it in the attributing transaction slowed that transaction's
-- next statements threefold.)
create table waiting_order_keys (
    order_key       text   not null,
    postback_log_id bigint not null,
    event_id        text   not null,
    reason          text   not null,
    primary key (order_key, postback_log_id, event_id)
);
insert into waiting_order_keys (order_key, postback_log_id, event_id, reason)
select waiting.key, coalesce(c.postback_log_id, 0), c.event_id, c.reason
  from conversions c,
       unnest(array_remove(array[
           'click:' || c.click_id,
           'player:' || coalesce(c.offer_id, '') || ':' || c.player_id,
           'sub:' || coalesce(c.offer_id, '') || ':' || c.sub_id], null)) as waiting(key)
 where c.state <> 'ATTRIBUTED' and c.next_check_at is not null;
