package io.croupier.postback.inbound;

import java.nio.charset.StandardCharsets;
import java.time.Instant;

import io.croupier.postback.PostbackServiceTest;
import io.croupier.secrets.webhook.WebhookSecret;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/** The admin API of inbound authentication, and how its secrets are kept. */
class InboundPolicyAdminTest extends PostbackServiceTest {

    TestOffer offer;

    @BeforeEach
    void knownOffer() {
        offer = offer(unique("policy_house"), "USD");
    }

    @Test
    void anOfferWithoutPolicyAcceptsWhatTheSeedsSendAndShowsNoSecret() {
        Answer policy = get("/admin/inbound-auth/" + offer.id());

        assertThat(policy.status()).isEqualTo(200);
        assertThat(policy.body().get("signature_required").asBoolean()).isFalse();
        assertThat(policy.body().get("signing_secret").isNull()).isTrue();
        assertThat(policy.body().get("allowed_sources").isEmpty()).isTrue();
    }

    @Test
    void anOfferWithoutASecretLeavesWhatLooksLikeASignatureAlone() {
        Answer answer = get("/postback/" + offer.partnerKey() + "?click_id=" + unique("CLK")
                + "&webhook_id=partner-own-field");

        assertThat(answer.status()).as(answer.text()).isEqualTo(200);
    }

    @Test
    void signaturesCanBeRequiredOnlyOnceASecretExists() {
        Answer tooEarly = putJson("/admin/inbound-auth/" + offer.id(), "{\"signature_required\": true}");
        postJson("/admin/inbound-auth/" + offer.id() + "/signing-secret", "");
        Answer required = putJson("/admin/inbound-auth/" + offer.id(), "{\"signature_required\": true}");

        assertThat(tooEarly.status()).isEqualTo(409);
        assertThat(tooEarly.body().get("detail").asString()).contains("signing-secret");
        assertThat(required.status()).isEqualTo(200);
        assertThat(required.body().get("signature_required").asBoolean()).isTrue();
    }

    @Test
    void theSigningSecretIsShownOnceThenMaskedAndStoredOnlyEncrypted() {
        Answer rotated = postJson("/admin/inbound-auth/" + offer.id() + "/signing-secret", "");
        WebhookSecret secret = WebhookSecret.parse(rotated.body().get("signing_secret").asString());

        Answer shown = get("/admin/inbound-auth/" + offer.id());
        Answer listed = get("/admin/inbound-auth?limit=500");
        byte[] stored = jdbc.sql("select signing_secret from inbound_policies where offer_id = :id")
            .param("id", offer.id()).query(byte[].class).single();

        assertThat(shown.body().get("signing_secret").asString()).isEqualTo(secret.masked())
            .doesNotContain(secret.value().substring(6, 30));
        assertThat(listed.text()).doesNotContain(secret.value()).contains(secret.masked());
        assertThat(new String(stored, StandardCharsets.ISO_8859_1)).doesNotContain(secret.value())
            .doesNotContain(secret.value().substring(6));
        assertThat(stored.length).isGreaterThan(secret.value().length());
    }

    @Test
    void rotationKeepsThePreviousSecretOnlyAsLongAsAskedForAndWithinBounds() {
        postJson("/admin/inbound-auth/" + offer.id() + "/signing-secret", "");

        Answer withGrace = postJson("/admin/inbound-auth/" + offer.id() + "/signing-secret?keep_previous_hours=24", "");
        Answer tooLong = postJson("/admin/inbound-auth/" + offer.id() + "/signing-secret?keep_previous_hours=9999", "");

        assertThat(Instant.parse(withGrace.body().get("previous_secret_valid_until").asString()))
            .isCloseTo(Instant.now().plusSeconds(24 * 3600), within(1, java.time.temporal.ChronoUnit.MINUTES));
        assertThat(tooLong.status()).isEqualTo(400);
    }

    @Test
    void allowListEntriesMustBeAddressesOrCidrRanges() {
        Answer hostName = putJson("/admin/inbound-auth/" + offer.id(), "{\"allowed_sources\": [\"casino.example\"]}");
        Answer badRange = putJson("/admin/inbound-auth/" + offer.id(), "{\"allowed_sources\": [\"10.0.0.0/33\"]}");
        Answer good = putJson("/admin/inbound-auth/" + offer.id(),
                "{\"allowed_sources\": [\"203.0.113.10\", \"198.51.100.0/24\", \"2001:db8::/32\"]}");

        assertThat(hostName.status()).isEqualTo(400);
        assertThat(hostName.body().get("detail").asString()).contains("casino.example");
        assertThat(badRange.status()).isEqualTo(400);
        assertThat(good.status()).isEqualTo(200);
        assertThat(good.body().get("allowed_sources")).hasSize(3);
    }

    @Test
    void anUnknownOfferIs404() {
        assertThat(get("/admin/inbound-auth/987654321").status()).isEqualTo(404);
        assertThat(postJson("/admin/inbound-auth/987654321/signing-secret", "").status()).isEqualTo(404);
    }
}
