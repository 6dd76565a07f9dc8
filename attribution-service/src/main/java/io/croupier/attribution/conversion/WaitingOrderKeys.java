package io.croupier.attribution.conversion;

import java.util.Collection;
import java.util.List;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The order keys of the conversions still waiting (parked, not given up), by the postback log id they were accepted
 * under: what a conversion about to be attributed must wait behind. A conversion's keys are recorded when it parks and
 * removed when it is attributed or given up, so most conversions never have any and every look-up stays small.
 */
@Repository
class WaitingOrderKeys {

    private final JdbcClient jdbc;

    WaitingOrderKeys(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    void record(OrderKeys keys, long postbackLogId, String eventId, UnattributedReason reason) {
        jdbc.sql("""
                insert into waiting_order_keys (order_key, postback_log_id, event_id, reason)
                select unnest(?::text[]), ?, ?, ?
                on conflict (order_key, postback_log_id, event_id) do update set reason = excluded.reason""")
            .param(keys.array())
            .param(postbackLogId)
            .param(eventId)
            .param(reason.name())
            .update();
    }

    void remove(OrderKeys keys, String eventId) {
        jdbc.sql("delete from waiting_order_keys where order_key = any(?::text[]) and event_id = ?")
            .param(keys.array())
            .param(eventId)
            .update();
    }

    /**
     * The conversions accepted before {@code postbackLogId} that share one of {@code keys} and still wait, each with
     * the keys it shares. Read without locks: one that another transaction is attributing at this moment still counts
     * as waiting, so the later one waits too and is released by it.
     */
    List<Waiting> earlierThan(OrderKeys keys, long postbackLogId) {
        return jdbc.sql("""
                select event_id, reason, array_agg(order_key) as shared_keys from waiting_order_keys
                where order_key = any(?::text[]) and postback_log_id < ?
                group by event_id, reason""")
            .param(keys.array())
            .param(postbackLogId)
            .query((rs, n) -> new Waiting(rs.getString("event_id"), UnattributedReason.valueOf(rs.getString("reason")),
                    List.of((String[]) rs.getArray("shared_keys").getArray())))
            .list();
    }

    /** Every conversion still waiting under any of these keys, a row per key. */
    List<WaitingKey> under(Collection<String> orderKeys) {
        return jdbc.sql("""
                select order_key, postback_log_id, event_id, reason from waiting_order_keys
                where order_key = any(?::text[])""")
            .param(orderKeys.toArray(String[]::new))
            .query((rs, n) -> new WaitingKey(rs.getString("order_key"), rs.getLong("postback_log_id"),
                    rs.getString("event_id"), UnattributedReason.valueOf(rs.getString("reason"))))
            .list();
    }

    /** {@link #record} for many conversions' keys in one statement. */
    void recordAll(Collection<WaitingKey> keys) {
        if (keys.isEmpty()) {
            return;
        }
        jdbc.sql("""
                insert into waiting_order_keys (order_key, postback_log_id, event_id, reason)
                select * from unnest(?::text[], ?::bigint[], ?::text[], ?::text[])
                on conflict (order_key, postback_log_id, event_id) do update set reason = excluded.reason""")
            .param(keys.stream().map(WaitingKey::orderKey).toArray(String[]::new))
            .param(keys.stream().map(WaitingKey::postbackLogId).toArray(Long[]::new))
            .param(keys.stream().map(WaitingKey::eventId).toArray(String[]::new))
            .param(keys.stream().map(key -> key.reason().name()).toArray(String[]::new))
            .update();
    }

    /** {@link #remove} for many conversions' keys in one statement. */
    void removeAll(Collection<WaitingKey> keys) {
        if (keys.isEmpty()) {
            return;
        }
        jdbc.sql("""
                delete from waiting_order_keys w using unnest(?::text[], ?::text[]) as removed(order_key, event_id)
                 where w.order_key = removed.order_key and w.event_id = removed.event_id""")
            .param(keys.stream().map(WaitingKey::orderKey).toArray(String[]::new))
            .param(keys.stream().map(WaitingKey::eventId).toArray(String[]::new))
            .update();
    }
}
