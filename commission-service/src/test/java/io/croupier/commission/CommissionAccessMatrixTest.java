package io.croupier.commission;

import java.time.Instant;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

import io.croupier.commission.ledger.LedgerEntry;
import io.croupier.embedded.AccessMatrix.Call;
import io.croupier.embedded.AccessMatrix;
import io.croupier.embedded.TestIssuer;
import io.croupier.events.ConversionStatus;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

import static io.croupier.commission.Events.deal;
import static io.croupier.commission.Events.share;
import static io.croupier.commission.Events.uniqueId;
import static io.croupier.commission.SeedWorkedExamplesTest.partnerEvent;
import static io.croupier.embedded.AccessMatrix.EVERYONE;
import static io.croupier.embedded.AccessMatrix.OPERATORS;

/** Every commission-service endpoint against anonymous callers, each role, and the tokens it must refuse. */
@CommissionServiceTest
class CommissionAccessMatrixTest {

    private static final Set<String> MANAGERS = Set.of(TestIssuer.ADMIN, TestIssuer.MANAGER);

    @LocalServerPort
    int port;

    @Autowired
    Driver driver;

    @TestFactory
    Stream<DynamicTest> everyEndpointAnswersEveryCallerAsItsRuleSays() {
        String offer = driver.offer(uniqueId("offer"), deal(1, Instant.parse("2020-01-01T00:00:00Z"), "USD").build());
        String publisher = driver.publisher(uniqueId("pub"), true, share("80"), Map.of());
        String endUser = uniqueId("end-user");
        LedgerEntry entry = driver.main(partnerEvent(offer, publisher, ConversionStatus.APPROVED, "5.00",
                uniqueId("CLK"), uniqueId("TXN"), endUser));

        return AccessMatrix.withTestIssuer("http://127.0.0.1:" + port, publisher)
            .publicly(200, () -> Call.get("/health"))
            .endpoint(EVERYONE, 200, () -> Call.get("/ledger/entries/" + entry.entryId()))
            .endpoint(EVERYONE, 200, () -> Call.get("/ledger/entries?offer_id=" + offer))
            .endpoint(EVERYONE, 200, () -> Call.get("/ledger/trace?click_id=" + entry.clickId()))
            .endpoint(EVERYONE, 200, () -> Call.get("/conversions?offer_id=" + offer))
            .endpoint(EVERYONE, 200, () -> Call.get("/publishers/" + publisher + "/users/" + endUser + "/points"))
            .endpoint(EVERYONE, 200, () -> Call.get("/reports/publishers"))
            .endpoint(OPERATORS, 200, () -> Call.get("/ledger/held?offer_id=" + offer))
            .endpoint(MANAGERS, 409, () -> Call.post("/ledger/entries/" + entry.entryId() + "/confirm", ""))
            .endpoint(MANAGERS, 409, () -> Call.post("/ledger/entries/" + entry.entryId() + "/reject", ""))
            .endpoint(OPERATORS, 200, () -> Call.get("/reports/offers"))
            .endpoint(OPERATORS, 200, () -> Call.get("/deals/" + offer + "/versions"))
            .endpoint(EVERYONE, 200, () -> Call.get("/reports/timeline?from=2026-01-01T00:00:00Z"
                    + "&to=2026-01-02T00:00:00Z"))
            .endpoint(OPERATORS, 200, () -> Call.get("/reports/campaigns"))
            .endpoint(OPERATORS, 200, () -> Call.get("/customers/ltv?limit=1"))
            .endpoint(MANAGERS, 200, () -> Call.post("/earn", """
                    {"publisher_id":"%s","user_id":"%s","amount":5,"reason":"matrix"}""".formatted(publisher, endUser)))
            .endpoint(EVERYONE, 200, () -> Call.get("/balance?publisher_id=" + publisher + "&user_id=" + endUser))
            .endpoint(MANAGERS, 200, () -> Call.get("/admin/dead-letters?limit=1"))
            .endpoint(OPERATORS, 200, () -> Call.get("/actuator/metrics"))
            .cases()
            .stream()
            .map(matrixCase -> DynamicTest.dynamicTest(matrixCase.name(), matrixCase::verify));
    }
}
