package io.croupier.postback.intake;

import io.croupier.postback.PostbackServiceTest;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What a postback log row and an error body keep of a call never includes its credentials: a partner key in the
 * path, a secret sent as a JSON number, a secret under a nested or escaped name.
 */
class SecretsNeverLoggedTest extends PostbackServiceTest {

    @Test
    void thePartnerKeyInThePathIsLoggedMaskedAndLeftOutOfTheErrorBody() {
        TestOffer offer = offer(null, "USD");

        Answer invalid = get("/postback/" + offer.partnerKey() + "?status=approved&payout=5.00");
        Answer valid = get("/postback/" + offer.partnerKey() + "?click_id=" + unique("CLK") + "&payout=1");
        Answer unknownKey = get("/postback/" + offer.partnerKey() + "x?click_id=CLK-1");

        assertThat(invalid.status()).isEqualTo(400);
        assertThat(invalid.text()).doesNotContain(offer.partnerKey());
        assertThat(invalid.body().get("instance").asString()).isEqualTo("/postback/***");
        assertThat(unknownKey.status()).isEqualTo(404);
        assertThat(unknownKey.text()).doesNotContain(offer.partnerKey());
        for (Answer answer : new Answer[] { invalid, valid, unknownKey }) {
            assertThat(loggedPath(answer.logId())).isEqualTo("/postback/***");
        }
    }

    @Test
    void aSecretSentAsAJsonNumberAuthenticatesAndIsNeverLogged() {
        String numericSecret = Long.toString(System.nanoTime()) + "42";
        TestOffer offer = new TestOffer(unique("9"), "Numeric", numericSecret, null, unique("key"), "USD");
        publish(offer, true);
        org.awaitility.Awaitility.await().until(() -> jdbc.sql("select count(*) from offers where offer_id = :id")
            .param("id", offer.id()).query(Long.class).single() == 1);

        Answer accepted = postJson("/postback", """
                {"click_id": "%s", "event": "ftd", "payout": 10, "secret": %s}"""
            .formatted(unique("click"), numericSecret));
        Answer wrong = postJson("/postback", """
                {"click_id": "c", "event": "ftd", "secret": %s9}""".formatted(numericSecret));

        assertThat(accepted.status()).as(accepted.text()).isEqualTo(200);
        assertThat(wrong.status()).isEqualTo(403);
        assertThat(logRow(accepted.logId()).body()).doesNotContain(numericSecret).contains("\"secret\":\"***\"");
        assertThat(logRow(wrong.logId()).body()).doesNotContain(numericSecret);
    }

    @Test
    void nestedEscapedAndUnparsableSecretsAreCutOutOfTheLoggedBody() {
        Answer nested = postJson("/postback", """
                {"click_id": "c", "event": "ftd", "meta": {"Token": "tok-nested-1"}, "secr\\u0065t": "esc-secret-1"}""");
        Answer broken = postJson("/postback", """
                {"click_id": "c", "secret": 123456789, "token": "tok-broken-2" """);

        assertThat(logRow(nested.logId()).body()).doesNotContain("tok-nested-1").doesNotContain("esc-secret-1");
        assertThat(logRow(broken.logId()).body()).doesNotContain("123456789").doesNotContain("tok-broken-2");
        assertThat(broken.status()).isEqualTo(400);
    }

    private String loggedPath(long logId) {
        return jdbc.sql("select path from postback_logs where id = :id").param("id", logId).query(String.class)
            .single();
    }
}
