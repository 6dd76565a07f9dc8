package io.croupier.postback.inbound;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import io.croupier.events.ConversionReported;
import io.croupier.postback.PostbackServiceTest;
import io.croupier.secrets.webhook.WebhookSecret;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * An offer that requires signed calls, through the real service, for both families: a JSON webhook (seed 000's
 * deposit, Standard Webhooks headers over the body) and a GET postback (seed 004's, signature parameters over the
 * canonical path and query).
 */
class InboundAuthenticationTest extends PostbackServiceTest {

    /** Where the test's casino calls from, as its proxy reports it. */
    private static final String CASINO_ADDRESS = "203.0.113.9";

    enum Family {
        JSON_WEBHOOK, GET_POSTBACK
    }

    TestOffer offer;

    WebhookSecret secret;

    @BeforeEach
    void offerRequiringSignedCallsFromItsNetwork() {
        offer = offer(unique("signed_house"), "USD");
        secret = rotate(offer, 0);
        Answer required = putJson("/admin/inbound-auth/" + offer.id(), """
                {"signature_required": true, "allowed_sources": ["203.0.113.0/24", "2001:db8::/32"]}""");
        assertThat(required.status()).as(required.text()).isEqualTo(200);
    }

    @ParameterizedTest
    @EnumSource(Family.class)
    void aValidSignatureIsAccepted(Family family) {
        Answer answer = call(family, secret, unique("msg"), now(), CASINO_ADDRESS);

        assertThat(answer.status()).as(answer.text()).isEqualTo(200);
        ConversionReported event = delivered(answer.logId());
        assertThat(event.getOfferId()).isEqualTo(offer.id());
        assertThat(logRow(answer.logId()).outcome()).isEqualTo("SUCCESS");
    }

    @ParameterizedTest
    @EnumSource(Family.class)
    void aSignatureMadeWithAnotherSecretIsRefused(Family family) {
        Answer answer = call(family, WebhookSecret.generate(), unique("msg"), now(), CASINO_ADDRESS);

        assertRefused(answer, 401, "ERROR_SIGNATURE_INVALID");
        assertThat(answer.headers().firstValue("WWW-Authenticate")).hasValue("Webhook-Signature");
    }

    @ParameterizedTest
    @EnumSource(Family.class)
    void aSignatureOlderThanFiveMinutesIsRefused(Family family) {
        Answer answer = call(family, secret, unique("msg"), now() - Duration.ofMinutes(6).toSeconds(),
                CASINO_ADDRESS);

        assertRefused(answer, 401, "ERROR_SIGNATURE_STALE");
    }

    @ParameterizedTest
    @EnumSource(Family.class)
    void aReplayedMessageIdIsRefused(Family family) {
        String id = unique("msg");
        Request request = request(family, secret, id, now(), CASINO_ADDRESS);
        Answer first = send(request);
        Answer replayed = send(request);

        assertThat(first.status()).as(first.text()).isEqualTo(200);
        assertRefused(replayed, 401, "ERROR_SIGNATURE_REPLAYED");
        assertThat(logRow(replayed.logId()).message()).contains(id);
    }

    @ParameterizedTest
    @EnumSource(Family.class)
    void anUnsignedCallIsRefused(Family family) {
        Answer answer = call(family, null, null, 0, CASINO_ADDRESS);

        assertRefused(answer, 401, "ERROR_SIGNATURE_MISSING");
    }

    @ParameterizedTest
    @EnumSource(Family.class)
    void aCallFromOutsideTheAllowListIsRefusedEvenWhenSigned(Family family) {
        Answer answer = call(family, secret, unique("msg"), now(), "198.51.100.7");
        Answer fromIpv6 = call(family, secret, unique("msg"), now(), "2001:db8::17");

        assertRefused(answer, 403, "ERROR_SOURCE_NOT_ALLOWED");
        assertThat(logRow(answer.logId()).message()).contains("198.51.100.7");
        assertThat(fromIpv6.status()).as(fromIpv6.text()).isEqualTo(200);
    }

    @ParameterizedTest
    @EnumSource(Family.class)
    void theSecretItReplacedIsAcceptedOnlyDuringTheGracePeriodAskedFor(Family family) {
        WebhookSecret previous = secret;
        WebhookSecret current = rotate(offer, 24);

        Answer withPrevious = call(family, previous, unique("msg"), now(), CASINO_ADDRESS);
        Answer withCurrent = call(family, current, unique("msg"), now(), CASINO_ADDRESS);
        rotate(offer, 0);
        Answer afterImmediateRotation = call(family, current, unique("msg"), now(), CASINO_ADDRESS);

        assertThat(withPrevious.status()).as(withPrevious.text()).isEqualTo(200);
        assertThat(withCurrent.status()).as(withCurrent.text()).isEqualTo(200);
        assertRefused(afterImmediateRotation, 401, "ERROR_SIGNATURE_INVALID");
    }

    @ParameterizedTest
    @EnumSource(Family.class)
    void aBadSignatureIsRefusedEvenWhereSignaturesAreNotRequired(Family family) {
        putJson("/admin/inbound-auth/" + offer.id(), """
                {"signature_required": false, "allowed_sources": []}""");

        Answer unsigned = call(family, null, null, 0, "198.51.100.7");
        Answer badlySigned = call(family, WebhookSecret.generate(), unique("msg"), now(), "198.51.100.7");

        assertThat(unsigned.status()).as(unsigned.text()).isEqualTo(200);
        assertRefused(badlySigned, 401, "ERROR_SIGNATURE_INVALID");
    }

    private Answer call(Family family, WebhookSecret signer, String id, long timestamp, String from) {
        return send(request(family, signer, id, timestamp, from));
    }

    /** One call of the family, signed by {@code signer} (unsigned when null), from the given client address. */
    private Request request(Family family, WebhookSecret signer, String id, long timestamp, String from) {
        return switch (family) {
            case JSON_WEBHOOK -> {
                String body = """
                        {"user_id": "%s", "amount": 100.00, "currency": "USD", "transaction_id": "%s",
                         "platform": "%s", "is_first_deposit": true, "timestamp": "2025-12-13T19:30:53Z"}"""
                    .formatted(unique("user"), unique("tx"), offer.houseSlug());
                String[] forwardedFor = { "X-Forwarded-For", from };
                yield new Request("/webhooks/gaming/deposit", body, signer == null ? forwardedFor
                        : concat(Signing.headers(signer, id, timestamp, body), forwardedFor));
            }
            case GET_POSTBACK -> {
                String path = "/postback/" + offer.partnerKey();
                List<Map.Entry<String, String>> parameters = List.of(Map.entry("click_id", unique("CLK")),
                        Map.entry("status", "approved"), Map.entry("payout", "5.00"),
                        Map.entry("transaction_id", unique("TXN")), Map.entry("survey_id", "VBFS 6*~"));
                String query = signer == null ? "click_id=" + unique("CLK") + "&status=approved&payout=5.00"
                        : Signing.query(signer, id, timestamp, path, parameters);
                yield new Request(path + "?" + query, null, new String[] { "X-Forwarded-For", from });
            }
        };
    }

    private Answer send(Request request) {
        return request.body() == null ? get(request.pathAndQuery(), request.headers())
                : postJson(request.pathAndQuery(), request.body(), request.headers());
    }

    private record Request(String pathAndQuery, String body, String[] headers) {
    }

    private WebhookSecret rotate(TestOffer target, int keepPreviousHours) {
        Answer rotated = postJson("/admin/inbound-auth/" + target.id() + "/signing-secret?keep_previous_hours="
                + keepPreviousHours, "");
        assertThat(rotated.status()).as(rotated.text()).isEqualTo(200);
        return WebhookSecret.parse(rotated.body().get("signing_secret").asString());
    }

    private void assertRefused(Answer answer, int status, String outcome) {
        assertThat(answer.status()).as(answer.text()).isEqualTo(status);
        LogRow row = logRow(answer.logId());
        assertThat(row.outcome()).isEqualTo(outcome);
        assertThat(row.offerId()).isEqualTo(offer.id());
        assertThat(answer.text()).doesNotContain(offer.partnerKey()).doesNotContain(secret.value());
    }

    private static long now() {
        return Signing.now();
    }

    private static String[] concat(String[] headers, String... more) {
        String[] all = new String[headers.length + more.length];
        System.arraycopy(headers, 0, all, 0, headers.length);
        System.arraycopy(more, 0, all, headers.length, more.length);
        return all;
    }
}
