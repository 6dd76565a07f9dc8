package io.croupier.optimizer;

import java.util.Set;
import java.util.stream.Stream;

import io.croupier.embedded.AccessMatrix;
import io.croupier.embedded.AccessMatrix.Call;
import io.croupier.embedded.TestIssuer;
import io.croupier.optimizer.weights.WeightSet;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

import static io.croupier.embedded.AccessMatrix.OPERATORS;

/** Every optimizer-service endpoint against anonymous callers, each role, and the tokens it must refuse. */
class OptimizerAccessMatrixTest extends OptimizerIntegrationTest {

    private static final Set<String> MANAGERS = Set.of(TestIssuer.ADMIN, TestIssuer.MANAGER);

    @TestFactory
    Stream<DynamicTest> everyEndpointAnswersEveryCallerAsItsRuleSays() {
        offer("Casino Matrix", true);
        WeightSet set = updateWeights();

        return AccessMatrix.withTestIssuer("http://localhost:" + port, "1")
            .publicly(200, () -> Call.get("/health"))
            .publicly(200, () -> Call.get("/openapi.json"))
            .endpoint(OPERATORS, 200, () -> Call.get("/admin/stats"))
            .endpoint(OPERATORS, 200, () -> Call.get("/admin/weight-sets?limit=1"))
            .endpoint(OPERATORS, 200, () -> Call.get("/admin/weight-sets/" + set.weightSetId()))
            .endpoint(MANAGERS, 200, () -> Call.post("/admin/update-weights", null))
            .endpoint(MANAGERS, 200, () -> Call.get("/admin/dead-letters?limit=1"))
            .endpoint(OPERATORS, 200, () -> Call.get("/actuator/metrics"))
            .cases()
            .stream()
            .map(matrixCase -> DynamicTest.dynamicTest(matrixCase.name(), matrixCase::verify));
    }
}
