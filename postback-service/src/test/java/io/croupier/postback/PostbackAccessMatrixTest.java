package io.croupier.postback;

import java.util.Set;
import java.util.stream.Stream;

import io.croupier.embedded.AccessMatrix;
import io.croupier.embedded.AccessMatrix.Call;
import io.croupier.embedded.TestIssuer;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every seed's casino-facing endpoint answers every caller alike, token or no token, valid or forged; what is not
 * casino-facing needs an operator's token.
 */
class PostbackAccessMatrixTest extends PostbackServiceTest {

    @TestFactory
    Stream<DynamicTest> everyEndpointAnswersEveryCallerAsItsRuleSays() {
        TestOffer partner = offer(null, "USD");
        TestOffer house = offer(unique("house"), "BRL");
        String affiliate = unique("affiliate");
        publishPublisher(affiliate);
        // Seed 003 answers a new call after waiting for its commission; its repeat is answered at once, alike.
        String houseCall = "/api/postback/" + house.houseSlug() + "/registration?subid=" + affiliate
                + "&amount=0&transaction_id=" + unique("tx");
        assertThat(get(houseCall).status()).isEqualTo(200);

        return AccessMatrix.withTestIssuer("http://127.0.0.1:" + port, "1")
            .publicly(200, () -> Call.get("/api/analytics/postback/test"))
            .publicly(200, () -> Call.get("/postback/" + partner.partnerKey() + "?click_id=" + unique("click")
                    + "&status=approved&payout=5.00&transaction_id=" + unique("tx")))
            .publicly(200, () -> Call.form("/postback/" + partner.partnerKey(), "click_id=" + unique("click")
                    + "&status=approved&payout=5.00&transaction_id=" + unique("tx")))
            .publicly(200, () -> Call.post("/postback", """
                    {"click_id":"%s","event":"ftd","payout":10.0,"secret":"%s"}""".formatted(unique("click"),
                    partner.secret())))
            .publicly(200, () -> Call.get(houseCall))
            .publicly(200, () -> Call.post("/webhooks/gaming/registration", """
                    {"user_id":"%s","platform":"%s"}""".formatted(unique("player"), house.houseSlug())))
            .publicly(200, () -> Call.post("/webhooks/gaming/deposit", """
                    {"user_id":"%s","amount":10.0,"transaction_id":"%s","platform":"%s"}""".formatted(
                    unique("player"), unique("tx"), house.houseSlug())))
            .publicly(200, () -> Call.get("/health"))
            .endpoint(Set.of(TestIssuer.ADMIN, TestIssuer.MANAGER), 200, () -> Call.get("/admin/dead-letters?limit=1"))
            .endpoint(Set.of(TestIssuer.ADMIN, TestIssuer.MANAGER), 200,
                    () -> Call.get("/admin/inbound-auth/" + partner.id()))
            .endpoint(Set.of(TestIssuer.ADMIN), 200, () -> Call.get("/admin/secrets/encryption"))
            .endpoint(AccessMatrix.OPERATORS, 200, () -> Call.get("/admin/postback-logs?limit=1"))
            .endpoint(AccessMatrix.OPERATORS, 200, () -> Call.get("/actuator/metrics"))
            .cases()
            .stream()
            .map(matrixCase -> DynamicTest.dynamicTest(matrixCase.name(), matrixCase::verify));
    }
}
