package io.croupier.runtime.outbox;

import io.croupier.schemas.Topic;
import io.croupier.schemas.serde.AvroSingleObjectSerializer;
import org.apache.avro.specific.SpecificRecord;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * The transactional outbox: an event that must leave because of a database change is written in the same transaction
 * as that change, already encoded, and {@link OutboxRelay} sends it after the commit. The relay is woken right after
 * the commit, so the usual delay is one round trip to the broker.
 */
public class Outbox {

    private static final String WAKE_UP_REGISTERED = Outbox.class.getName() + ".wakeUp";

    private final JdbcClient jdbc;

    private final OutboxRelay relay;

    private final AvroSingleObjectSerializer serializer = new AvroSingleObjectSerializer();

    public Outbox(JdbcClient jdbc, OutboxRelay relay) {
        this.jdbc = jdbc;
        this.relay = relay;
    }

    @Transactional(propagation = Propagation.MANDATORY)
    public <V extends SpecificRecord> void append(Topic<String, V> topic, String key, V value) {
        jdbc.sql("insert into outbox_events (topic, record_key, payload) values (:topic, :key, :payload)")
            .param("topic", topic.name())
            .param("key", key)
            .param("payload", serializer.serialize(topic.name(), value))
            .update();
        wakeRelayAfterCommit();
    }

    private void wakeRelayAfterCommit() {
        if (TransactionSynchronizationManager.hasResource(WAKE_UP_REGISTERED)) {
            return;
        }
        TransactionSynchronizationManager.bindResource(WAKE_UP_REGISTERED, Boolean.TRUE);
        TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
            @Override
            public void afterCompletion(int status) {
                TransactionSynchronizationManager.unbindResourceIfPossible(WAKE_UP_REGISTERED);
                if (status == STATUS_COMMITTED) {
                    relay.wakeUp();
                }
            }
        });
    }
}
