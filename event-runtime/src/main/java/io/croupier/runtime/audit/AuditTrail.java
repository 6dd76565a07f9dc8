package io.croupier.runtime.audit;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;

import io.croupier.access.Caller;
import io.croupier.access.Role;
import io.croupier.events.AuditActor;
import io.croupier.events.AuditRecorded;
import io.croupier.runtime.outbox.Outbox;
import io.croupier.schemas.Topics;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;
import tools.jackson.databind.node.StringNode;

/**
 * The audit trail of operator changes: who changed which object when, and the object as the API showed it before
 * and after, with secrets redacted. A record is written to the outbox in the transaction of the change itself, so
 * it exists exactly when the change does; identity-service stores the {@code croupier.audit} topic append-only.
 */
public class AuditTrail {

    static final String REDACTED = "***";

    private static final AuditActor SYSTEM = new AuditActor("system", "system", List.of(), null);

    private final Outbox outbox;

    private final JsonMapper json;

    private final String service;

    private final List<String> redactedFields;

    public AuditTrail(Outbox outbox, JsonMapper json, String service, AuditSettings settings) {
        this.outbox = outbox;
        this.json = json;
        this.service = service;
        this.redactedFields = settings.redactedFields().stream().map(field -> field.toLowerCase(Locale.ROOT))
            .toList();
    }

    /**
     * Records a change by the current caller.
     *
     * @param action what was done: {@code create}, {@code update}, {@code delete}, ...
     * @param before the object as the API showed it before the change; {@code null} for a creation
     * @param after the object as the API shows it now; {@code null} once erased
     */
    @Transactional(propagation = Propagation.MANDATORY)
    public void record(String action, String objectType, String objectId, Object before, Object after) {
        JsonNode beforeTree = before == null ? null : json.valueToTree(before);
        JsonNode afterTree = after == null ? null : json.valueToTree(after);
        AuditRecorded record = AuditRecorded.newBuilder()
            .setEventId(UUID.randomUUID().toString())
            .setOccurredAt(Instant.now())
            .setService(service)
            .setActor(Caller.current().map(AuditTrail::actor).orElse(SYSTEM))
            .setAction(action)
            .setObjectType(objectType)
            .setObjectId(objectId)
            .setBefore(beforeTree == null ? null : json.writeValueAsString(redacted(beforeTree)))
            .setAfter(afterTree == null ? null : json.writeValueAsString(redacted(afterTree)))
            .setChangedFields(changedFields(beforeTree, afterTree))
            .build();
        outbox.append(Topics.AUDIT, service + ":" + objectType + ":" + objectId, record);
    }

    private static AuditActor actor(Caller caller) {
        return new AuditActor(caller.subject(), caller.name(),
                caller.roles().stream().map(Role::name).sorted().toList(), caller.publisherId());
    }

    /** Compared before redaction, so a rotated secret shows as changed although both values read {@code ***}. */
    private static List<String> changedFields(JsonNode before, JsonNode after) {
        Set<String> names = new TreeSet<>();
        fieldsOf(before).forEach(names::add);
        fieldsOf(after).forEach(names::add);
        List<String> changed = new ArrayList<>();
        for (String name : names) {
            JsonNode was = before == null ? null : before.get(name);
            JsonNode is = after == null ? null : after.get(name);
            if (!Objects.equals(was, is)) {
                changed.add(name);
            }
        }
        return changed;
    }

    private static List<String> fieldsOf(JsonNode node) {
        return node instanceof ObjectNode object ? List.copyOf(object.propertyNames()) : List.of();
    }

    private JsonNode redacted(JsonNode node) {
        JsonNode copy = node.deepCopy();
        redactInPlace(copy);
        return copy;
    }

    private void redactInPlace(JsonNode node) {
        if (node instanceof ObjectNode object) {
            for (Map.Entry<String, JsonNode> field : List.copyOf(object.properties())) {
                if (isSecret(field.getKey()) && !field.getValue().isNull()) {
                    object.set(field.getKey(), StringNode.valueOf(REDACTED));
                }
                else {
                    redactInPlace(field.getValue());
                }
            }
        }
        else if (node != null && node.isArray()) {
            node.forEach(this::redactInPlace);
        }
    }

    private boolean isSecret(String field) {
        String name = field.toLowerCase(Locale.ROOT);
        return redactedFields.stream().anyMatch(name::contains);
    }
}
