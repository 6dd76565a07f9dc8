package io.croupier.identity.audit;

import java.sql.Timestamp;

import io.croupier.events.AuditRecorded;
import io.croupier.schemas.Topics;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

/**
 * Keeps every service's audit records, append-only. The event id is unique, so a redelivered record is a no-op:
 * the insert itself is the idempotent consumer's check.
 */
@Component
class AuditStore {

    private final JdbcClient jdbc;

    AuditStore(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @KafkaListener(topics = Topics.Names.AUDIT)
    void on(AuditRecorded record) {
        jdbc.sql("""
                insert into audit_log (event_id, occurred_at, service, actor_subject, actor_name, actor_roles,
                    actor_publisher_id, action, object_type, object_id, before, after, changed_fields)
                values (:eventId, :occurredAt, :service, :subject, :name, :roles, :publisherId, :action, :objectType,
                    :objectId, cast(:before as jsonb), cast(:after as jsonb), :changedFields)
                on conflict (event_id) do nothing""")
            .param("eventId", record.getEventId())
            .param("occurredAt", Timestamp.from(record.getOccurredAt()))
            .param("service", record.getService())
            .param("subject", record.getActor().getSubject())
            .param("name", record.getActor().getName())
            .param("roles", record.getActor().getRoles().toArray(String[]::new))
            .param("publisherId", record.getActor().getPublisherId())
            .param("action", record.getAction())
            .param("objectType", record.getObjectType())
            .param("objectId", record.getObjectId())
            .param("before", record.getBefore())
            .param("after", record.getAfter())
            .param("changedFields", record.getChangedFields().toArray(String[]::new))
            .update();
    }
}
