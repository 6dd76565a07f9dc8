package io.croupier.runtime.inbox;

import java.util.Collection;
import java.util.HashSet;
import java.util.Set;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * The idempotent consumer's memory: which event ids each consumer has applied. Recording an id happens in the same
 * transaction as the state change it guards, so a redelivered event is recognised and skipped, and a crash between
 * the two cannot happen.
 */
public class Inbox {

    private final JdbcClient jdbc;

    public Inbox(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * Records that {@code consumer} applies {@code eventId} now.
     *
     * @return {@code true} the first time, {@code false} for a duplicate that must be skipped
     */
    @Transactional(propagation = Propagation.MANDATORY)
    public boolean firstDelivery(String consumer, String eventId) {
        return jdbc.sql("""
                insert into processed_events (consumer, event_id) values (:consumer, :eventId)
                on conflict do nothing""")
            .param("consumer", consumer)
            .param("eventId", eventId)
            .update() == 1;
    }

    /**
     * Records that {@code consumer} applies every one of {@code eventIds} now, in one statement: a consumer that
     * applies a whole poll in one transaction checks the poll at once instead of one round trip per event.
     *
     * @return the ids applied for the first time (an id repeated in {@code eventIds} once); the others are
     *         duplicates that must be skipped
     */
    @Transactional(propagation = Propagation.MANDATORY)
    public Set<String> firstDeliveries(String consumer, Collection<String> eventIds) {
        if (eventIds.isEmpty()) {
            return Set.of();
        }
        // Sorted, so that two transactions recording overlapping ids take their row locks in the same order.
        return new HashSet<>(jdbc.sql("""
                insert into processed_events (consumer, event_id)
                select ?, event_id from (select distinct unnest(?::text[]) as event_id) ids order by event_id
                on conflict do nothing
                returning event_id""")
            .param(consumer)
            .param(eventIds.toArray(String[]::new))
            .query(String.class)
            .list());
    }
}
