package io.croupier.forwarder;

import java.util.Set;
import java.util.UUID;
import java.util.stream.Stream;

import io.croupier.embedded.AccessMatrix.Call;
import io.croupier.embedded.AccessMatrix;
import io.croupier.embedded.TestIssuer;
import io.croupier.events.PayoutDue;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

import static io.croupier.embedded.AccessMatrix.EVERYONE;
import static io.croupier.embedded.AccessMatrix.OPERATORS;
import static org.awaitility.Awaitility.await;

/** Every publisher-forwarder endpoint against anonymous callers, each role, and the tokens it must refuse. */
class ForwarderAccessMatrixTest extends ForwarderIntegrationTest {

    private static final Set<String> MANAGERS = Set.of(TestIssuer.ADMIN, TestIssuer.MANAGER);

    private final PublisherReceiver receiver = PublisherReceiver.start();

    @AfterEach
    void stopReceiver() {
        receiver.close();
    }

    @TestFactory
    Stream<DynamicTest> everyEndpointAnswersEveryCallerAsItsRuleSays() {
        long publisher = createPublisher(receiver.url("/postback?click_id={click_id}"), "GET").id();
        PayoutDue payout = payout(publisher, "4.00", "USD");
        send(payout);
        await().atMost(DELIVERED_WITHIN).until(() -> "DELIVERED".equals(state(payout.getEventId())));

        return AccessMatrix.withTestIssuer("http://127.0.0.1:" + port, Long.toString(publisher))
            .publicly(200, () -> Call.get("/health"))
            .endpoint(EVERYONE, 200, () -> Call.get("/admin/deliveries/" + payout.getEventId()))
            .endpoint(EVERYONE, 200, () -> Call.get("/admin/publishers/" + publisher + "/deliveries"))
            .endpoint(EVERYONE, 200, () -> Call.get("/admin/publishers/" + publisher + "/dead-letters"))
            .endpoint(OPERATORS, 200, () -> Call.get("/admin/deliveries/dead-letters"))
            .endpoint(OPERATORS, 200, () -> Call.get("/admin/deliveries/health?from=2026-01-01T00:00:00Z"
                    + "&to=2026-01-02T00:00:00Z"))
            .endpoint(OPERATORS, 200, () -> Call.get("/admin/deliveries/endpoints"))
            .endpoint(MANAGERS, 200, () -> Call.post("/admin/publishers/postback-url-check",
                    "{\"postback_url\":\"https://pub.example/pb?c={click_id}\"}"))
            .endpoint(MANAGERS, 200, () -> Call.post("/admin/publishers/" + publisher + "/dead-letters/replay",
                    null))
            .endpoint(MANAGERS, 200, () -> Call.get("/admin/publishers"))
            .endpoint(MANAGERS, 200, () -> Call.get("/admin/publishers/" + publisher))
            .endpoint(MANAGERS, 201, () -> Call.post("/admin/publishers", """
                    {"name":"Matrix","username":"matrix-%s","postback_url":"%s",
                     "payout_terms":{"revshare_percent":80}}""".formatted(UUID.randomUUID(),
                    receiver.url("/postback"))))
            .endpoint(MANAGERS, 200, () -> Call.put("/admin/publishers/" + publisher, """
                    {"name":"Matrix","username":"matrix-%d","postback_url":"%s","rate_limit_per_second":1000,
                     "payout_terms":{"revshare_percent":80}}""".formatted(publisher,
                    receiver.url("/postback?click_id={click_id}"))))
            .endpoint(MANAGERS, 200, () -> Call.post("/admin/publishers/" + publisher + "/signing-secret", null))
            .endpoint(MANAGERS, 200, () -> Call.get("/admin/dead-letters?limit=1"))
            .endpoint(OPERATORS, 200, () -> Call.get("/actuator/metrics"))
            .cases()
            .stream()
            .map(matrixCase -> DynamicTest.dynamicTest(matrixCase.name(), matrixCase::verify));
    }
}
