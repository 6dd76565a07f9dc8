package io.croupier.runtime.inbox;

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
}
