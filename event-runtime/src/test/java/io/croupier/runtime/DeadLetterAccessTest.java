package io.croupier.runtime;

import java.time.Duration;
import java.util.Optional;

import io.croupier.embedded.EmbeddedInfrastructureInitializer;
import io.croupier.embedded.ServiceHttp;
import io.croupier.embedded.TestInfrastructure;
import io.croupier.embedded.TestIssuer;
import io.croupier.events.AuditRecorded;
import io.croupier.events.Click;
import io.croupier.runtime.deadletter.DeadLetters;
import io.croupier.runtime.deadletter.DeadLetters.DeadLetter;
import io.croupier.schemas.Topics;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.test.context.ContextConfiguration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Every service's dead-letter API: for managers and admins, and each replay is in the audit trail. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ContextConfiguration(initializers = EmbeddedInfrastructureInitializer.class)
class DeadLetterAccessTest {

    private static final TestIssuer ISSUER = TestInfrastructure.issuer();

    @LocalServerPort
    int port;

    @Autowired
    DeadLetters deadLetters;

    @Autowired
    KafkaTemplate<Object, Object> kafka;

    @Autowired
    EventRuntimeTestApplication.ClickCounter counter;

    @Test
    void deadLettersAreForManagersAndAdminsOnly() {
        assertThat(send("GET", "/admin/dead-letters?limit=1", null)).isEqualTo(401);
        assertThat(send("GET", "/admin/dead-letters?limit=1", ISSUER.forgedToken(TestIssuer.ADMIN))).isEqualTo(401);
        assertThat(send("GET", "/admin/dead-letters?limit=1", ISSUER.publisherToken("1"))).isEqualTo(403);
        assertThat(send("GET", "/admin/dead-letters?limit=1", ISSUER.token(TestIssuer.ANALYST))).isEqualTo(403);
        assertThat(send("GET", "/admin/dead-letters?limit=1", ISSUER.token(TestIssuer.MANAGER))).isEqualTo(200);
        assertThat(send("GET", "/admin/dead-letters?limit=1", ISSUER.token(TestIssuer.ADMIN))).isEqualTo(200);
        assertThat(send("POST", "/admin/dead-letters/croupier.clicks.dlt/0/999999/replay",
                ISSUER.token(TestIssuer.ANALYST))).isEqualTo(403);
        assertThat(send("POST", "/admin/dead-letters/croupier.clicks.dlt/0/999999/replay",
                ISSUER.token(TestIssuer.MANAGER))).isEqualTo(404);
    }

    @Test
    void aReplayThroughTheApiIsAuditedWithTheManagerWhoAskedForIt() throws Exception {
        Click click = TestClicks.forOffer("offer-1");
        counter.breakOn(click.getClickId());
        kafka.send(Topics.CLICKS.name(), click.getClickId(), click).get();
        DeadLetter letter = await().atMost(Duration.ofSeconds(30))
            .until(() -> deadLetters.page(null, 1000).stream().filter(dead -> click.getClickId().equals(dead.key()))
                .findFirst(), Optional::isPresent)
            .orElseThrow();
        counter.repair(click.getClickId());
        String id = letter.deadLetterTopic() + "/" + letter.partition() + "/" + letter.offset();

        assertThat(send("POST", "/admin/dead-letters/" + id + "/replay", ISSUER.token(TestIssuer.MANAGER)))
            .isEqualTo(200);

        AuditRecorded audit = AuditTrailTest.firstAuditOf(id);
        assertThat(audit.getAction()).isEqualTo("replay");
        assertThat(audit.getObjectType()).isEqualTo("dead-letter");
        assertThat(audit.getActor().getSubject()).isEqualTo("test-manager");
        assertThat(audit.getActor().getRoles()).containsExactly("MANAGER");
        assertThat(audit.getAfter()).contains(click.getClickId());
        await().atMost(Duration.ofSeconds(20)).until(() -> counter.applied().contains(click.getClickId()));
    }

    private int send(String method, String path, String token) {
        ServiceHttp http = new ServiceHttp(port, token);
        return ("POST".equals(method) ? http.post(path, null) : http.get(path)).status();
    }
}
