package io.croupier.secrets.webhook;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class WebhookSignaturesTest {

    /** The test vector the Standard Webhooks specification publishes. */
    private static final byte[] KEY = Base64.getDecoder().decode("MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw");

    private static final String ID = "msg_p5jXN8AQM9LWM0D4loKWxJek";

    private static final long TIMESTAMP = 1614265330;

    private static final byte[] BODY = "{\"test\": 2432232314}".getBytes(StandardCharsets.UTF_8);

    private static final String SIGNATURE = "v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=";

    @Test
    void signaturesMatchThePublishedStandardWebhooksTestVector() {
        assertThat(WebhookSignatures.sign(KEY, ID, TIMESTAMP, BODY)).isEqualTo(SIGNATURE);
    }

    @Test
    void anyOfSeveralSignaturesMayMatchInEitherBase64Alphabet() {
        assertThat(WebhookSignatures.anyMatches(KEY, ID, TIMESTAMP, BODY, SIGNATURE)).isTrue();
        assertThat(WebhookSignatures.anyMatches(KEY, ID, TIMESTAMP, BODY,
                "v1,bm90IHRoaXMgb25l " + SIGNATURE)).isTrue();
        assertThat(WebhookSignatures.anyMatches(KEY, ID, TIMESTAMP, BODY,
                "v1,g0hM9SsE-OTPJTGt_tmIKtSyZlE3uFJELVlNIOLJ1OE")).as("base64url, no padding").isTrue();
    }

    @Test
    void anyChangeOfIdTimestampBodyOrKeyFailsTheSignature() {
        assertThat(WebhookSignatures.anyMatches(KEY, ID + "x", TIMESTAMP, BODY, SIGNATURE)).isFalse();
        assertThat(WebhookSignatures.anyMatches(KEY, ID, TIMESTAMP + 1, BODY, SIGNATURE)).isFalse();
        assertThat(WebhookSignatures.anyMatches(KEY, ID, TIMESTAMP,
                "{\"test\": 2432232315}".getBytes(StandardCharsets.UTF_8), SIGNATURE)).isFalse();
        assertThat(WebhookSignatures.anyMatches(WebhookSecret.generate().key(), ID, TIMESTAMP, BODY, SIGNATURE))
            .isFalse();
        assertThat(WebhookSignatures.anyMatches(KEY, ID, TIMESTAMP, BODY, "v2," + SIGNATURE.substring(3))).isFalse();
        assertThat(WebhookSignatures.anyMatches(KEY, ID, TIMESTAMP, BODY, "v1,%%%")).isFalse();
    }

    @Test
    void secretsAreWhsecPrefixedBase64OfAtLeast24BytesAndNeverPrinted() {
        WebhookSecret generated = WebhookSecret.generate();

        assertThat(WebhookSecret.parse(generated.value()).key()).hasSize(32);
        assertThat(generated.toString()).doesNotContain(generated.value().substring(6));
        assertThat(generated.masked()).startsWith("whsec_****").hasSize(14);
        assertThatIllegalArgumentException().isThrownBy(() -> WebhookSecret.parse("whsec_c2hvcnQ="));
        assertThatIllegalArgumentException().isThrownBy(() -> WebhookSecret.parse("MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw"));
    }
}
