package io.croupier.commission;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.IntStream;

import io.croupier.embedded.ServiceHttp;
import io.croupier.embedded.TestInfrastructure;
import io.croupier.embedded.TestIssuer;
import io.croupier.events.ConversionStatus;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;

import static io.croupier.commission.Events.deal;
import static io.croupier.commission.Events.share;
import static io.croupier.commission.Events.uniqueId;
import static io.croupier.commission.SeedWorkedExamplesTest.partnerEvent;
import static org.assertj.core.api.Assertions.assertThat;

/** Seed 002's race-free {@code /earn} and {@code /balance} on the points the ledger credits an offerwall user. */
@CommissionServiceTest
class EarnAndBalanceTest {

    private static final int WRITERS = 16;

    private static final int GRANTS_PER_WRITER = 25;

    @LocalServerPort
    int port;

    @Autowired
    Driver driver;

    @Test
    void manyConcurrentGrantsAndRetriesOnTopOfTheLedgersCreditLoseNothingAndCountNothingTwice() throws Exception {
        String publisher = offerwallPublisherWhoseUserEarnedFourPoints("end-user");
        List<Callable<List<BigDecimal>>> writers = new ArrayList<>();
        for (int writer = 0; writer < WRITERS; writer++) {
            String writerId = uniqueId("writer");
            writers.add(() -> {
                List<BigDecimal> balances = new ArrayList<>();
                for (int grant = 0; grant < GRANTS_PER_WRITER; grant++) {
                    String body = earn(writerId + "-" + grant, publisher, "end-user", "1.25");
                    ServiceHttp.Answer first = post("/earn", body);
                    ServiceHttp.Answer retried = post("/earn", body);
                    assertThat(first.status()).as(first.body()).isEqualTo(200);
                    assertThat(retried.body()).isEqualTo(first.body());
                    balances.add(first.json().get("balance").decimalValue());
                }
                return balances;
            });
        }

        List<BigDecimal> balancesAfterEachGrant = new ArrayList<>();
        ExecutorService pool = Executors.newFixedThreadPool(WRITERS);
        try {
            for (Future<List<BigDecimal>> writer : pool.invokeAll(writers)) {
                balancesAfterEachGrant.addAll(writer.get());
            }
        }
        finally {
            pool.shutdownNow();
        }

        int grants = WRITERS * GRANTS_PER_WRITER;
        assertThat(get("/balance?publisher_id=" + publisher + "&user_id=end-user").get("balance").decimalValue())
            .isEqualByComparingTo("504.00");
        // Serialised grants see every balance from 4 + 1.25 to 4 + 400 x 1.25 exactly once; a lost update repeats one.
        assertThat(balancesAfterEachGrant).map(BigDecimal::stripTrailingZeros)
            .containsExactlyInAnyOrderElementsOf(IntStream.rangeClosed(1, grants)
                .mapToObj(k -> new BigDecimal("4.00").add(new BigDecimal("1.25").multiply(BigDecimal.valueOf(k)))
                    .stripTrailingZeros())
                .toList());
    }

    @Test
    void aGrantIdUsedAgainWithOtherValuesIsAConflictAndBadGrantsAreProblems() {
        String publisher = offerwallPublisherWhoseUserEarnedFourPoints("u-1");
        String grantId = uniqueId("grant");

        ServiceHttp.Answer granted = post("/earn", earn(grantId, publisher, "u-1", "500"));
        ServiceHttp.Answer conflicting = post("/earn", earn(grantId, publisher, "u-1", "600"));

        JsonNode grant = granted.json();
        assertThat(grant.get("grant_id").asString()).isEqualTo(grantId);
        assertThat(grant.get("reason").asString()).isEqualTo("daily_login");
        assertThat(grant.get("granted_by").asString()).isNotBlank();
        assertThat(grant.get("balance").decimalValue()).isEqualByComparingTo("504.00");
        assertProblem(conflicting, 409);
        assertProblem(post("/earn", earn(uniqueId("grant"), publisher, "u-1", "0")), 400);
        assertProblem(post("/earn", earn(uniqueId("grant"), publisher, "u-1", "-5")), 400);
        assertProblem(post("/earn", """
                {"user_id": "u-1", "amount": 5, "reason": "no publisher"}"""), 400);
        assertProblem(post("/earn", earn(uniqueId("grant"), uniqueId("no-such-publisher"), "u-1", "5")), 404);
        assertProblem(new ServiceHttp(port, TestInfrastructure.issuer().token(TestIssuer.MANAGER))
            .get("/balance?user_id=u-1"), 400);
        assertThat(get("/balance?publisher_id=" + publisher + "&user_id=u-1").get("balance").decimalValue())
            .isEqualByComparingTo("504.00");
    }

    @Test
    void aPublisherReadsItsOwnUsersBalanceWhateverPublisherItNames() {
        String publisher = offerwallPublisherWhoseUserEarnedFourPoints("shared-user");
        String other = offerwallPublisherWhoseUserEarnedFourPoints("shared-user");
        post("/earn", earn(uniqueId("grant"), other, "shared-user", "10"));
        String token = TestInfrastructure.issuer().publisherToken(publisher);

        for (String asked : List.of(publisher, other)) {
            JsonNode balance = new ServiceHttp(port, token)
                .get("/balance?publisher_id=" + asked + "&user_id=shared-user")
                .json();
            assertThat(balance.get("publisher_id").asString()).isEqualTo(publisher);
            assertThat(balance.get("balance").decimalValue()).isEqualByComparingTo("4.00");
        }
        JsonNode never = get("/balance?publisher_id=" + publisher + "&user_id=" + uniqueId("never-earned"));
        assertThat(never.get("balance").decimalValue()).isEqualByComparingTo("0");
    }

    /** An offerwall publisher (80 % share) whose user earned 4.00 points with an approved 5.00 conversion. */
    private String offerwallPublisherWhoseUserEarnedFourPoints(String user) {
        String offer = driver.offer(uniqueId("offer"), deal(1, Instant.parse("2020-01-01T00:00:00Z"), "USD").build());
        String publisher = driver.publisher(uniqueId("pub"), true, share("80"), Map.of());
        driver.main(partnerEvent(offer, publisher, ConversionStatus.APPROVED, "5.00", uniqueId("CLK"),
                uniqueId("TXN"), user));
        return publisher;
    }

    private static String earn(String grantId, String publisher, String user, String amount) {
        return """
                {"grant_id": "%s", "publisher_id": "%s", "user_id": "%s", "amount": %s, "reason": "daily_login"}"""
            .formatted(grantId, publisher, user, amount);
    }

    private static void assertProblem(ServiceHttp.Answer response, int status) {
        assertThat(response.status()).as(response.body()).isEqualTo(status);
        assertThat(response.header("Content-Type")).startsWith("application/problem+json");
    }

    private JsonNode get(String path) {
        ServiceHttp.Answer response = new ServiceHttp(port, TestInfrastructure.issuer().token(TestIssuer.ANALYST))
            .get(path);
        assertThat(response.status()).as(response.body()).isEqualTo(200);
        return response.json();
    }

    private ServiceHttp.Answer post(String path, String body) {
        return new ServiceHttp(port, TestInfrastructure.issuer().token(TestIssuer.MANAGER)).post(path, body);
    }
}
