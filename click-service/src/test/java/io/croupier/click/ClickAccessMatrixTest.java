package io.croupier.click;

import java.util.Set;
import java.util.UUID;
import java.util.stream.Stream;

import io.croupier.embedded.AccessMatrix;
import io.croupier.embedded.AccessMatrix.Call;
import io.croupier.embedded.ServiceHttp;
import io.croupier.embedded.TestIssuer;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.springframework.boot.test.web.server.LocalServerPort;

import static io.croupier.embedded.AccessMatrix.OPERATORS;

/** Every click-service endpoint against anonymous callers, each role, and the tokens it must refuse. */
@ClickServiceTest
class ClickAccessMatrixTest {

    private static final Set<String> OFFER_MANAGERS = Set.of(TestIssuer.ADMIN, TestIssuer.MANAGER);

    @LocalServerPort
    int port;

    @TestFactory
    Stream<DynamicTest> everyEndpointAnswersEveryCallerAsItsRuleSays() {
        ServiceHttp manager = new ServiceHttp(port, ServiceHttp.manager());
        long offer = offer(manager);
        return AccessMatrix.withTestIssuer("http://127.0.0.1:" + port, "1")
            .publicly(302, () -> Call.get("/click?offer=" + offer + "&source=matrix"))
            .publicly(200, () -> Call.get("/health"))
            .publicly(200, () -> Call.get("/openapi.json"))
            .endpoint(OFFER_MANAGERS, 200, () -> Call.get("/admin/offers"))
            .endpoint(OFFER_MANAGERS, 201, () -> Call.post("/admin/offers", offerJson()))
            .endpoint(OFFER_MANAGERS, 200, () -> Call.get("/admin/offers/" + offer))
            .endpoint(OFFER_MANAGERS, 200, () -> Call.put("/admin/offers/" + offer, "{\"weight\":2.0}"))
            .endpoint(OFFER_MANAGERS, 200, () -> Call.delete("/admin/offers/" + offer(manager)))
            .endpoint(OFFER_MANAGERS, 200, () -> Call.get("/admin/dead-letters?limit=1"))
            .endpoint(OPERATORS, 200, () -> Call.get("/actuator/metrics"))
            .cases()
            .stream()
            .map(matrixCase -> DynamicTest.dynamicTest(matrixCase.name(), matrixCase::verify));
    }

    private static long offer(ServiceHttp manager) {
        ServiceHttp.Answer created = manager.post("/admin/offers", offerJson());
        if (created.status() != 201) {
            throw new AssertionError(created.body());
        }
        return created.json().get("id").asLong();
    }

    private static String offerJson() {
        return """
                {"name":"Matrix %s","casino_url":"https://matrix.example/land?cid={click_id}"}"""
            .formatted(UUID.randomUUID());
    }
}
