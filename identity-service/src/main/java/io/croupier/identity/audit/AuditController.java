package io.croupier.identity.audit;

import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;

import io.croupier.runtime.paging.Cursor;
import io.croupier.runtime.paging.CursorPage;
import io.croupier.runtime.paging.PageRequest;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The audit trail of every service, newest first, for ADMIN. Filters combine; page with {@code cursor} = the
 * previous page's {@code next_cursor} (stable while records keep arriving: newer ones never shift a page).
 */
@Tag(name = "Audit trail", description = "Every change made through an operator API in any service: who, when, "
        + "which object, its fields before and after (secrets redacted).")
@RestController
class AuditController {

    private final JdbcClient jdbc;

    private final JsonMapper json;

    AuditController(JdbcClient jdbc, JsonMapper json) {
        this.jdbc = jdbc;
        this.json = json;
    }

    /**
     * @param actor an actor's subject or name
     * @param from inclusive, ISO-8601 instant
     * @param to exclusive
     */
    @GetMapping("/admin/audit")
    CursorPage<AuditEntry> audit(@RequestParam(required = false) String actor,
            @RequestParam(name = "object_type", required = false) String objectType,
            @RequestParam(name = "object_id", required = false) String objectId,
            @RequestParam(required = false) String service, @RequestParam(required = false) Instant from,
            @RequestParam(required = false) Instant to, @RequestParam(required = false) String cursor,
            @RequestParam(defaultValue = PageRequest.DEFAULT_LIMIT) int limit) {
        PageRequest request = new PageRequest(cursor, limit);
        Cursor after = request.after();
        List<AuditEntry> entries = jdbc.sql("""
                select seq, event_id, occurred_at, service, actor_subject, actor_name, actor_roles,
                       actor_publisher_id, action, object_type, object_id, before::text, after::text, changed_fields
                  from audit_log
                 where (cast(:cursor as bigint) is null or seq < :cursor)
                   and (cast(:actor as text) is null or actor_subject = :actor or actor_name = :actor)
                   and (cast(:objectType as text) is null or object_type = :objectType)
                   and (cast(:objectId as text) is null or object_id = :objectId)
                   and (cast(:service as text) is null or service = :service)
                   and (cast(:from as timestamptz) is null or occurred_at >= :from)
                   and (cast(:to as timestamptz) is null or occurred_at < :to)
                 order by seq desc
                 limit :limit""")
            .param("cursor", after == null ? null : after.numericId())
            .param("actor", actor)
            .param("objectType", objectType)
            .param("objectId", objectId)
            .param("service", service)
            .param("from", from == null ? null : Timestamp.from(from))
            .param("to", to == null ? null : Timestamp.from(to))
            .param("limit", request.fetchSize())
            .query(this::entry)
            .list();
        return request.page(entries, entry -> Cursor.of(entry.seq()));
    }

    private AuditEntry entry(ResultSet rs, int row) throws SQLException {
        return new AuditEntry(rs.getLong("seq"), rs.getString("event_id"), rs.getTimestamp("occurred_at").toInstant(),
                rs.getString("service"), new Actor(rs.getString("actor_subject"), rs.getString("actor_name"),
                        strings(rs.getArray("actor_roles")), rs.getString("actor_publisher_id")),
                rs.getString("action"), rs.getString("object_type"), rs.getString("object_id"),
                tree(rs.getString("before")), tree(rs.getString("after")), strings(rs.getArray("changed_fields")));
    }

    private JsonNode tree(String value) {
        return value == null ? null : json.readTree(value);
    }

    private static List<String> strings(Array array) throws SQLException {
        return List.of((String[]) array.getArray());
    }

    record AuditEntry(long seq, String eventId, Instant occurredAt, String service, Actor actor, String action,
            String objectType, String objectId, JsonNode before, JsonNode after, List<String> changedFields) {
    }

    record Actor(String subject, String name, List<String> roles, String publisherId) {
    }
}
