package io.croupier.identity.audit;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import io.croupier.events.AuditActor;
import io.croupier.events.AuditRecorded;
import io.croupier.identity.IdentityApi;
import io.croupier.identity.IdentityServiceTest;
import io.croupier.schemas.Topics;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.kafka.core.KafkaTemplate;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/** Other services' audit records, as they put them on croupier.audit, stored and served. */
@IdentityServiceTest
class AuditApiTest {

    @LocalServerPort
    int port;

    @Autowired
    KafkaTemplate<Object, Object> kafka;

    @Autowired
    JdbcClient jdbc;

    IdentityApi api;

    String admin;

    @BeforeEach
    void client() {
        api = new IdentityApi(port);
        admin = api.adminToken();
    }

    @Test
    void recordsOfEveryServiceAreFilteredByActorObjectServiceAndTimeNewestFirst() throws Exception {
        String offer = UUID.randomUUID().toString();
        Instant start = Instant.parse("2026-03-01T10:00:00Z");
        send(record("click-service", "maria", "offer", offer, "create", start));
        send(record("click-service", "joao", "offer", offer, "update", start.plusSeconds(60)));
        send(record("publisher-forwarder", "maria", "publisher", offer, "update", start.plusSeconds(120)));

        JsonNode ofOffer = awaitItems("/admin/audit?object_type=offer&object_id=" + offer, 2);
        assertThat(ofOffer.get(0).path("action").asString()).isEqualTo("update");
        assertThat(ofOffer.get(1).path("action").asString()).isEqualTo("create");
        assertThat(ofOffer.get(1).path("after").path("name").asString()).isEqualTo("Casino");
        assertThat(ofOffer.get(1).path("actor").path("roles").get(0).asString()).isEqualTo("MANAGER");

        assertThat(items("/admin/audit?object_id=" + offer + "&actor=maria")).hasSize(2);
        assertThat(items("/admin/audit?object_id=" + offer + "&service=publisher-forwarder")).hasSize(1);
        assertThat(items("/admin/audit?object_id=" + offer + "&from=2026-03-01T10:00:30Z&to=2026-03-01T10:01:30Z"))
            .singleElement().satisfies(item -> assertThat(item.path("actor").path("name").asString())
                .isEqualTo("joao"));
    }

    @Test
    void pagesFollowTheCursorWithoutOverlapOrGap() throws Exception {
        String object = UUID.randomUUID().toString();
        for (int i = 0; i < 5; i++) {
            send(record("click-service", "maria", "offer", object, "update-" + i, Instant.now()));
        }
        awaitItems("/admin/audit?object_id=" + object, 5);

        List<String> actions = new ArrayList<>();
        String cursor = "";
        int pages = 0;
        do {
            JsonNode page = api.get("/admin/audit?object_id=" + object + "&limit=2" + cursor, admin).json();
            page.path("items").forEach(item -> actions.add(item.path("action").asString()));
            cursor = page.path("next_cursor").isNull() ? null : "&cursor=" + page.path("next_cursor").asString();
            pages++;
        }
        while (cursor != null);

        assertThat(pages).isEqualTo(3);
        assertThat(actions).containsExactly("update-4", "update-3", "update-2", "update-1", "update-0");
        assertThat(api.get("/admin/audit?cursor=12%25", admin).status()).as("a cursor this API did not answer")
            .isEqualTo(400);
    }

    @Test
    void aRedeliveredRecordIsStoredOnceAndTheTrailCannotBeRewritten() throws Exception {
        String object = UUID.randomUUID().toString();
        AuditRecorded record = record("click-service", "maria", "offer", object, "delete", Instant.now());
        send(record);
        send(record);
        send(record("click-service", "maria", "offer", object, "marker", Instant.now()));
        await().atMost(Duration.ofSeconds(20)).until(() -> items("/admin/audit?object_id=" + object).stream()
            .anyMatch(item -> item.path("action").asString().equals("marker")));

        assertThat(items("/admin/audit?object_id=" + object)).hasSize(2);
        assertThatThrownBy(() -> jdbc.sql("update audit_log set actor_name = 'nobody' where object_id = ?")
            .param(object).update()).hasMessageContaining("append-only");
        assertThatThrownBy(() -> jdbc.sql("delete from audit_log where object_id = ?").param(object).update())
            .hasMessageContaining("append-only");
    }

    @Test
    void theTrailIsForAdministratorsOnly() {
        String manager = api.tokenOf(api.createAccount(admin, "MANAGER", null, "manager password"),
                "manager password");

        assertThat(api.get("/admin/audit", manager).status()).isEqualTo(403);
        assertThat(api.get("/admin/audit", null).status()).isEqualTo(401);
        assertThat(api.get("/admin/audit", admin).status()).isEqualTo(200);
    }

    private JsonNode awaitItems(String query, int count) {
        return await().atMost(Duration.ofSeconds(20)).until(() -> api.get(query, admin).json().path("items"),
                items -> items.size() >= count);
    }

    private List<JsonNode> items(String query) {
        List<JsonNode> items = new ArrayList<>();
        api.get(query, admin).json().path("items").forEach(items::add);
        return items;
    }

    private void send(AuditRecorded record) throws Exception {
        kafka.send(Topics.AUDIT.name(), record.getService() + ":" + record.getObjectType() + ":"
                + record.getObjectId(), record).get();
    }

    private static AuditRecorded record(String service, String actor, String type, String id, String action,
            Instant at) {
        return AuditRecorded.newBuilder()
            .setEventId(UUID.randomUUID().toString())
            .setOccurredAt(at)
            .setService(service)
            .setActor(new AuditActor(actor, actor, List.of("MANAGER"), null))
            .setAction(action)
            .setObjectType(type)
            .setObjectId(id)
            .setBefore(action.equals("create") ? null : "{\"name\":\"Casino\",\"weight\":1.0}")
            .setAfter("{\"name\":\"Casino\",\"weight\":2.0}")
            .setChangedFields(List.of("weight"))
            .build();
    }
}
