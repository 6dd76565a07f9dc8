package io.croupier.runtime.inbox;

import java.sql.Connection;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * The idempotent consumer's memory: which event ids each consumer has applied. Recording an id happens in the same
 * transaction as the state change it guards, so a redelivered event is recognised and skipped, and a crash between
 * the two cannot happen.
 * <p>
 * {@code processed_events} is partitioned by month of {@code processed_at}, so no index can make
 * {@code (consumer, event_id)} unique across months. What makes it exact instead: a transaction-scoped advisory lock per
 * {@code (consumer, event_id)}, taken by a statement of its own before the statement that looks for the id in every
 * partition and inserts it only where none holds it. Under READ COMMITTED that second statement's snapshot is taken
 * after the lock was granted, so a concurrent transaction that recorded the same id has either committed (and is seen)
 * or still holds the lock (and is waited for). Locks are taken in the order of their keys, so two transactions
 * recording overlapping ids cannot deadlock; two ids whose keys collide only wait for each other.
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
        return !firstDeliveries(consumer, List.of(eventId)).isEmpty();
    }

    /**
     * Records that {@code consumer} applies every one of {@code eventIds} now, in two statements whatever their number:
     * a consumer that applies a whole poll in one transaction checks the poll at once instead of one round trip per
     * event.
     *
     * @return the ids applied for the first time (an id repeated in {@code eventIds} once); the others are
     *         duplicates that must be skipped
     */
    @Transactional(propagation = Propagation.MANDATORY)
    public Set<String> firstDeliveries(String consumer, Collection<String> eventIds) {
        if (eventIds.isEmpty()) {
            return Set.of();
        }
        requireReadCommitted();
        String[] ids = eventIds.toArray(String[]::new);
        // The sort runs before the volatile lock function is evaluated (PostgreSQL evaluates volatile output
        // expressions after the sort), so every transaction takes its locks in ascending key order.
        jdbc.sql("""
                select pg_advisory_xact_lock(lock_key) from (
                    select distinct hashtextextended(? || ' ' || event_id, 0) as lock_key
                      from unnest(?::text[]) as event_id) keys
                 order by lock_key""")
            .param(consumer)
            .param(ids)
            .query()
            .listOfRows();
        return new HashSet<>(jdbc.sql("""
                insert into processed_events (consumer, event_id)
                select ?, event_id from (select distinct unnest(?::text[]) as event_id) ids
                 where not exists (select 1 from processed_events seen
                                    where seen.consumer = ? and seen.event_id = ids.event_id)
                returning event_id""")
            .param(consumer)
            .param(ids)
            .param(consumer)
            .query(String.class)
            .list());
    }

    /** A snapshot taken at the transaction's start would miss an id committed while this one waited for its lock. */
    private static void requireReadCommitted() {
        Integer isolation = TransactionSynchronizationManager.getCurrentTransactionIsolationLevel();
        if (isolation != null && isolation != Connection.TRANSACTION_READ_COMMITTED) {
            throw new IllegalStateException("the inbox needs a READ COMMITTED transaction, not isolation level "
                    + isolation);
        }
    }
}
