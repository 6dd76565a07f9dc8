package io.croupier.analytics;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
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

/** Every analytics-service endpoint against anonymous callers, each role, and the tokens it must refuse. */
@AnalyticsServiceTest
class AnalyticsAccessMatrixTest {

    private static final Set<String> MANAGERS = Set.of(TestIssuer.ADMIN, TestIssuer.MANAGER);

    private static final Set<String> READERS = Set.of(TestIssuer.ADMIN, TestIssuer.MANAGER, TestIssuer.ANALYST);

    /** Far from the days other tests compute, so a run here changes none of their reports. */
    private static final LocalDate DAY = LocalDate.of(2003, 3, 3);

    @LocalServerPort
    int port;

    @TestFactory
    Stream<DynamicTest> everyEndpointAnswersEveryCallerAsItsRuleSays() {
        new ServiceHttp(port, ServiceHttp.manager()).post("/run-pipeline?day=" + DAY, null);
        // An hour ago, not a fixed hour of today: before 10:00 UTC that hour was still in the future.
        Instant anHourAgo = Instant.now().minus(Duration.ofHours(1)).truncatedTo(ChronoUnit.SECONDS);
        return AccessMatrix.withTestIssuer("http://127.0.0.1:" + port, "1")
            .publicly(200, () -> Call.get("/health"))
            .publicly(200, () -> Call.get("/openapi.json"))
            .endpoint(MANAGERS, 200, () -> Call.post("/event", """
                    {"eventType":"level_complete","meta":"{}","playerId":"matrix-%s","timestampUtc":"%s"}"""
                .formatted(UUID.randomUUID(), anHourAgo)))
            .endpoint(READERS, 200, () -> Call.get("/events"))
            .endpoint(READERS, 200, () -> Call.get("/stats"))
            .endpoint(MANAGERS, 200, () -> Call.post("/run-pipeline?day=" + DAY, ""))
            .endpoint(READERS, 200, () -> Call.get("/pipeline/runs"))
            .endpoint(MANAGERS, 200, () -> Call.post("/ad-spend", """
                    {"campaign":"matrix","day":"2003-03-03","amount":"10.00","currency":"USD"}"""))
            .endpoint(READERS, 200, () -> Call.get("/ad-spend?campaign=matrix"))
            .endpoint(READERS, 200, () -> Call.get("/imports"))
            .endpoint(READERS, 200, () -> Call.get("/inputs?day=" + DAY))
            .endpoint(READERS, 200, () -> Call.get("/reports/roas_d1?day=" + DAY))
            .endpoint(READERS, 200, () -> Call.get("/reports/arpdau_d1?day=" + DAY))
            .endpoint(READERS, 200, () -> Call.get("/reports/reconciliation?day=" + DAY))
            .endpoint(READERS, 200, () -> Call.get("/reports/roas_anomaly?day=" + DAY))
            .endpoint(READERS, 200, () -> Call.get("/reports/purchases_curated.csv?day=" + DAY))
            .endpoint(MANAGERS, 200, () -> Call.get("/admin/dead-letters?limit=1"))
            .endpoint(OPERATORS, 200, () -> Call.get("/actuator/metrics"))
            .cases()
            .stream()
            .map(matrixCase -> DynamicTest.dynamicTest(matrixCase.name(), matrixCase::verify));
    }
}
