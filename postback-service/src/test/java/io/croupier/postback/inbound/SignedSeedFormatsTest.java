package io.croupier.postback.inbound;

import java.util.List;
import java.util.Map;

import io.croupier.events.ConversionReported;
import io.croupier.postback.PostbackServiceTest;
import io.croupier.secrets.webhook.WebhookSecret;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Each seed's format signed as its family is: seed 001's JSON webhook, seed 003's GET (refusals in the seed's own
 * error body), seed 004's JSON post (the body alone counts) and form post (signed like a GET).
 */
class SignedSeedFormatsTest extends PostbackServiceTest {

    TestOffer offer;

    WebhookSecret secret;

    @BeforeEach
    void offerRequiringSignatures() {
        offer = offer(unique("signed_format"), "BRL");
        secret = WebhookSecret.parse(postJson("/admin/inbound-auth/" + offer.id() + "/signing-secret", "").body()
            .get("signing_secret").asString());
        putJson("/admin/inbound-auth/" + offer.id(), "{\"signature_required\": true}");
    }

    @Test
    void seed001PostbackSignedInItsHeadersIsAcceptedAndUnsignedIsRefusedAsProblemDetails() {
        String body = """
                {"click_id": "%s", "event": "ftd", "payout": 100, "secret": "%s"}"""
            .formatted(unique("click"), offer.secret());

        Answer signed = postJson("/postback", body, Signing.headers(secret, unique("msg"), Signing.now(), body));
        Answer unsigned = postJson("/postback", body);

        assertThat(signed.status()).as(signed.text()).isEqualTo(200);
        assertThat(unsigned.status()).isEqualTo(401);
        assertThat(unsigned.headers().firstValue("Content-Type")).hasValueSatisfying(
                type -> assertThat(type).startsWith("application/problem+json"));
        assertThat(unsigned.body().get("outcome").asString()).isEqualTo("ERROR_SIGNATURE_MISSING");
        assertThat(unsigned.text()).doesNotContain(offer.secret());
    }

    @Test
    void seed003RefusalsKeepTheSeedsErrorBodyAndTheLogRowSaysWhy() {
        String affiliate = unique("joao");
        publishPublisher(affiliate);
        String path = "/api/postback/" + offer.houseSlug() + "/registration";
        List<Map.Entry<String, String>> parameters = List.of(Map.entry("subid", affiliate), Map.entry("amount", "0"));

        Answer unsigned = get(path + "?subid=" + affiliate + "&amount=0");
        Answer wrong = get(path + "?" + Signing.query(WebhookSecret.generate(), unique("msg"), Signing.now(), path,
                parameters));
        Answer stale = get(path + "?" + Signing.query(secret, unique("msg"), Signing.now() - 3600, path, parameters));
        Answer movedToAnotherEvent = get(path.replace("registration", "deposit") + "?"
                + Signing.query(secret, unique("msg"), Signing.now(), path, parameters));

        assertThat(unsigned.status()).isEqualTo(401);
        assertThat(unsigned.body().get("error").asString()).isEqualTo("Assinatura obrigatória");
        assertThat(logRow(unsigned.logId()).outcome()).isEqualTo("ERROR_SIGNATURE_MISSING");
        assertThat(logRow(unsigned.logId()).message()).contains("webhook_signature");
        assertThat(wrong.body().get("error").asString()).isEqualTo("Assinatura inválida");
        assertThat(stale.body().get("error").asString()).isEqualTo("Assinatura expirada");
        assertThat(movedToAnotherEvent.status()).as("the path is signed: an event cannot be swapped")
            .isEqualTo(401);
        assertThat(unsigned.body().propertyNames()).containsExactly("error", "logId");
    }

    @Test
    void seed003SignedRegistrationIsAccepted() {
        String affiliate = unique("maria");
        publishPublisher(affiliate);
        String path = "/api/postback/" + offer.houseSlug() + "/registration";

        Answer signed = get(path + "?" + Signing.query(secret, unique("msg"), Signing.now(), path,
                List.of(Map.entry("subid", affiliate), Map.entry("amount", "0"))));

        assertThat(signed.status()).as(signed.text()).isEqualTo(200);
        assertThat(delivered(signed.logId()).getSubId()).isEqualTo(affiliate);
    }

    /**
     * Seed 003 without {@code transaction_id} tells a house's retry from a new fact by a time window only, but a
     * resend of a signed message is the same call however late: the message id says so.
     */
    @Test
    void seed003ResendOfASignedMessageAfterTheRetryWindowIsStillItsDuplicate() {
        awaitLedgerReader();
        String affiliate = unique("ana");
        publishPublisher(affiliate);
        String path = "/api/postback/" + offer.houseSlug() + "/deposit";
        List<Map.Entry<String, String>> parameters = List.of(Map.entry("subid", affiliate),
                Map.entry("amount", "25.00"));
        String id = unique("msg");
        Answer first = answeredWithCommission(offer,
                path + "?" + Signing.query(secret, id, Signing.now() - 120, path, parameters), "24");
        long firstLog = first.logId();
        jdbc.sql("update postback_dedupe set claimed_at = claimed_at - interval '2 minutes' where log_id = :log")
            .param("log", firstLog)
            .update();

        Answer resent = get(path + "?" + Signing.query(secret, id, Signing.now(), path, parameters));
        Answer nextDeposit = answeredWithCommission(offer,
                path + "?" + Signing.query(secret, unique("msg"), Signing.now(), path, parameters), "24");

        assertThat(first.status()).as(first.text()).isEqualTo(200);
        assertThat(resent.status()).as(resent.text()).isEqualTo(200);
        assertThat(resent.body().get("duplicate").asBoolean()).isTrue();
        assertThat(resent.text()).contains("\"commission\":24,");
        assertThat(logRow(resent.logId()).outcome()).isEqualTo("DUPLICATE");
        assertThat(logRow(resent.logId()).duplicateOf()).isEqualTo(firstLog);
        assertThat(logRow(nextDeposit.logId()).outcome()).as("the window had passed: another message is a new fact")
            .isEqualTo("SUCCESS");
        delivered(firstLog);
        delivered(nextDeposit.logId());
        assertThat(deliveredWhere(event -> affiliate.equals(event.getSubId()))).hasSize(2);
    }

    @Test
    void seed004SignedJsonPostTakesNothingFromTheUnsignedQuery() {
        String body = """
                {"click_id": "%s", "status": "approved", "payout": 3.50, "transaction_id": "%s"}"""
            .formatted(unique("CLK"), unique("TXN"));

        Answer answer = postJson("/postback/" + offer.partnerKey() + "?payout=999.00&currency=EUR", body,
                Signing.headers(secret, unique("msg"), Signing.now(), body));

        assertThat(answer.status()).as(answer.text()).isEqualTo(200);
        ConversionReported event = delivered(answer.logId());
        assertThat(event.getReportedPayout().getAmount()).isEqualTo("3.50");
        assertThat(event.getReportedPayout().getCurrency()).isEqualTo("USD");
    }

    @Test
    void seed004FormPostIsSignedLikeAGetOverItsFormFields() {
        String path = "/postback/" + offer.partnerKey();
        String click = unique("CLK");
        String form = Signing.query(secret, unique("msg"), Signing.now(), path, List.of(Map.entry("click_id", click),
                Map.entry("status", "approved"), Map.entry("payout", "2.00")));

        Answer signed = postForm(path, form);
        Answer tampered = postForm(path, form.replace("payout=2.00", "payout=20.00"));

        assertThat(signed.status()).as(signed.text()).isEqualTo(200);
        assertThat(delivered(signed.logId()).getClickId()).isEqualTo(click);
        assertThat(tampered.status()).isEqualTo(401);
        assertThat(logRow(tampered.logId()).outcome()).isEqualTo("ERROR_SIGNATURE_INVALID");
    }
}
