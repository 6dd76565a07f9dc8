package io.croupier.attribution;

import java.time.Duration;
import java.util.Set;
import java.util.stream.Stream;

import io.croupier.embedded.AccessMatrix.Call;
import io.croupier.embedded.AccessMatrix;
import io.croupier.embedded.TestIssuer;
import io.croupier.events.Click;
import io.croupier.schemas.Topics;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.kafka.core.KafkaTemplate;

import static io.croupier.attribution.TestEvents.click;
import static io.croupier.attribution.TestEvents.unique;
import static io.croupier.embedded.AccessMatrix.EVERYONE;
import static io.croupier.embedded.AccessMatrix.OPERATORS;
import static org.awaitility.Awaitility.await;

/** Every attribution-service endpoint against anonymous callers, each role, and the tokens it must refuse. */
@AttributionServiceTest
class AttributionAccessMatrixTest {

    private static final String PUBLISHER = "31";

    @LocalServerPort
    int port;

    @Autowired
    KafkaTemplate<Object, Object> kafka;

    @Autowired
    JdbcClient jdbc;

    @TestFactory
    Stream<DynamicTest> everyEndpointAnswersEveryCallerAsItsRuleSays() {
        String offer = unique("offer");
        Click click = click(offer, PUBLISHER).build();
        kafka.send(Topics.CLICKS.name(), click.getClickId(), click);
        await().atMost(Duration.ofSeconds(20)).until(() -> jdbc.sql("select count(*) from clicks where click_id = ?")
            .param(click.getClickId()).query(Long.class).single() == 1);

        return AccessMatrix.withTestIssuer("http://127.0.0.1:" + port, PUBLISHER)
            .publicly(200, () -> Call.get("/health"))
            .endpoint(EVERYONE, 200, () -> Call.get("/clicks/" + click.getClickId()))
            .endpoint(EVERYONE, 200, () -> Call.get("/clicks?limit=1"))
            .endpoint(EVERYONE, 200, () -> Call.get("/clicks/timeline?from=2026-01-01T00:00:00Z"
                    + "&to=2026-01-02T00:00:00Z"))
            .endpoint(OPERATORS, 200, () -> Call.get("/conversions/unattributed?limit=1"))
            .endpoint(OPERATORS, 200, () -> Call.get("/conversions/parked?limit=1"))
            .endpoint(OPERATORS, 200, () -> Call.get("/conversions/parked/counts"))
            .endpoint(OPERATORS, 200, () -> Call.get("/offers/" + offer
                    + "/funnel?from=2026-01-01T00:00:00Z&to=2026-01-02T00:00:00Z"))
            .endpoint(OPERATORS, 200, () -> Call.get("/offers/timeline?from=2026-01-01T00:00:00Z"
                    + "&to=2026-01-02T00:00:00Z&bucket=hour"))
            .endpoint(Set.of(TestIssuer.ADMIN, TestIssuer.MANAGER), 200, () -> Call.get("/admin/dead-letters?limit=1"))
            .endpoint(OPERATORS, 200, () -> Call.get("/actuator/metrics"))
            .cases()
            .stream()
            .map(matrixCase -> DynamicTest.dynamicTest(matrixCase.name(), matrixCase::verify));
    }
}
