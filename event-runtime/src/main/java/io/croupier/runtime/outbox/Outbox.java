package io.croupier.runtime.outbox;

import java.util.ArrayList;
import java.util.List;

import io.croupier.schemas.Topic;
import io.croupier.schemas.serde.AvroSingleObjectSerializer;
import org.apache.avro.specific.SpecificRecord;
import org.springframework.core.Ordered;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * The transactional outbox: an event that must leave because of a database change is written in the same transaction
 * as that change, already encoded, and {@link OutboxRelay} sends it after the commit. The relay is woken right after
 * the commit, so the usual delay is one round trip to the broker.
 * <p>
 * A transaction's events are held in memory and written just before it commits, all of them with one statement in
 * the order they were appended (so ids ascend in append order, which is the order the relay sends them in): a
 * consumer that applies a whole poll in one transaction pays one round trip for its outbox, not one per event.
 */
public class Outbox {

    private static final String INSERT_ROWS = """
            insert into outbox_events (topic, record_key, payload)
            select topic, record_key, payload
            from unnest(?::text[], ?::text[], ?::bytea[]) with ordinality as event(topic, record_key, payload, position)
            order by position""";

    private final JdbcClient jdbc;

    private final OutboxRelay relay;

    private final AvroSingleObjectSerializer serializer = new AvroSingleObjectSerializer();

    public Outbox(JdbcClient jdbc, OutboxRelay relay) {
        this.jdbc = jdbc;
        this.relay = relay;
    }

    @Transactional(propagation = Propagation.MANDATORY)
    public <V extends SpecificRecord> void append(Topic<String, V> topic, String key, V value) {
        transactionEvents().append(new OutboxEvent(topic.name(), key, serializer.serialize(topic.name(), value)));
    }

    /**
     * The current transaction's events, found among its synchronizations rather than bound as a resource, because a
     * transaction suspended for an inner {@code REQUIRES_NEW} one keeps its synchronizations to itself but not its
     * resources.
     */
    private TransactionEvents transactionEvents() {
        for (TransactionSynchronization synchronization : TransactionSynchronizationManager.getSynchronizations()) {
            if (synchronization instanceof TransactionEvents events && events.outbox() == this) {
                return events;
            }
        }
        TransactionEvents events = new TransactionEvents();
        TransactionSynchronizationManager.registerSynchronization(events);
        return events;
    }

    private void insert(List<OutboxEvent> events) {
        jdbc.sql(INSERT_ROWS)
            .param(events.stream().map(OutboxEvent::topic).toArray(String[]::new))
            .param(events.stream().map(OutboxEvent::key).toArray(String[]::new))
            .param(events.stream().map(OutboxEvent::payload).toArray(byte[][]::new))
            .update();
    }

    private record OutboxEvent(String topic, String key, byte[] payload) {
    }

    /**
     * One transaction's events: written before its commit (a failure there rolls the transaction back), and the relay
     * woken once it has committed.
     */
    private final class TransactionEvents implements TransactionSynchronization {

        private final List<OutboxEvent> pending = new ArrayList<>();

        private boolean written;

        Outbox outbox() {
            return Outbox.this;
        }

        void append(OutboxEvent event) {
            if (written) {
                // Appended by another synchronization's beforeCommit, after this one ran: written at once instead.
                insert(List.of(event));
            }
            else {
                pending.add(event);
            }
        }

        @Override
        public int getOrder() {
            // Last, so that events appended by other synchronizations before the commit are in the same statement.
            return Ordered.LOWEST_PRECEDENCE;
        }

        @Override
        public void beforeCommit(boolean readOnly) {
            written = true;
            if (!pending.isEmpty()) {
                insert(pending);
            }
        }

        @Override
        public void afterCommit() {
            relay.wakeUp();
        }
    }
}
