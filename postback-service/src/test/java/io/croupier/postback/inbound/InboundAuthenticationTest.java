package io.croupier.postback.inbound;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

import io.croupier.events.ConversionReported;
import io.croupier.events.ConversionStatus;
import io.croupier.postback.PostbackServiceTest;
import io.croupier.secrets.webhook.WebhookSecret;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
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

    /**
     * Standard Webhooks keeps the message id across resends of one message (after a timeout, say), each with a new
     * timestamp and signature: the resend of a message already accepted is answered as its duplicate.
     */
    @ParameterizedTest
    @EnumSource(Family.class)
    void aResendOfAnAcceptedMessageWithANewTimestampIsAnsweredAsItsDuplicate(Family family) {
        Message message = Message.fresh(family, offer);
        String id = unique("msg");
        Answer first = send(message.request(secret, id, now() - 60, CASINO_ADDRESS));
        Answer resent = send(message.request(secret, id, now(), CASINO_ADDRESS));

        assertThat(first.status()).as(first.text()).isEqualTo(200);
        assertThat(resent.status()).as(resent.text()).isEqualTo(200);
        assertThat(resent.body().get("duplicate").asBoolean()).isTrue();
        LogRow row = logRow(resent.logId());
        assertThat(row.outcome()).isEqualTo("DUPLICATE");
        assertThat(row.duplicateOf()).isEqualTo(first.logId());
        assertThat(row.message()).contains(id);
        assertOneEventFor(message, first);
    }

    @ParameterizedTest
    @EnumSource(Family.class)
    void aReplayOfTheVerySameCallIsAnsweredAsItsDuplicate(Family family) {
        Request request = Message.fresh(family, offer).request(secret, unique("msg"), now(), CASINO_ADDRESS);
        Answer first = send(request);
        Answer replayed = send(request);

        assertThat(first.status()).as(first.text()).isEqualTo(200);
        assertThat(replayed.status()).as(replayed.text()).isEqualTo(200);
        assertThat(logRow(replayed.logId()).duplicateOf()).isEqualTo(first.logId());
    }

    @ParameterizedTest
    @EnumSource(Family.class)
    void theSameMessageIdWithOtherContentIsRefusedAsAReplay(Family family) {
        String id = unique("msg");
        Answer first = call(family, secret, id, now(), CASINO_ADDRESS);
        Answer other = call(family, secret, id, now(), CASINO_ADDRESS);

        assertThat(first.status()).as(first.text()).isEqualTo(200);
        assertRefused(other, 401, "ERROR_SIGNATURE_REPLAYED");
        assertThat(logRow(other.logId()).message()).contains(id, "other content");
    }

    /** A JSON webhook's signature covers its body only: the same message posted to another endpoint is no resend. */
    @Test
    void theSameMessageSentToAnotherEndpointIsRefusedAsAReplay() {
        Message message = Message.fresh(Family.JSON_WEBHOOK, offer);
        String id = unique("msg");
        Answer deposit = send(message.request(secret, id, now(), CASINO_ADDRESS));
        Request moved = message.request(secret, id, now(), CASINO_ADDRESS);
        Answer chargeback = postJson("/webhooks/gaming/chargeback", moved.body(), moved.headers());

        assertThat(deposit.status()).as(deposit.text()).isEqualTo(200);
        assertRefused(chargeback, 401, "ERROR_SIGNATURE_REPLAYED");
    }

    /** Nothing is claimed for a refused call: the sender's next attempt with the same id is its first. */
    @ParameterizedTest
    @EnumSource(Family.class)
    void aResendOfARefusedMessageIsProcessedAsAFirstAttempt(Family family) {
        Message message = Message.fresh(family, offer);
        String id = unique("msg");
        Answer refused = send(message.request(secret, id, now(), "198.51.100.7"));
        Answer resent = send(message.request(secret, id, now(), CASINO_ADDRESS));

        assertRefused(refused, 403, "ERROR_SOURCE_NOT_ALLOWED");
        assertThat(resent.status()).as(resent.text()).isEqualTo(200);
        assertThat(logRow(resent.logId()).outcome()).isEqualTo("SUCCESS");
        assertOneEventFor(message, resent);
    }

    @ParameterizedTest
    @EnumSource(Family.class)
    void twoResendsAtOnceAreOneAcceptedCallAndItsDuplicate(Family family) {
        Message message = Message.fresh(family, offer);
        String id = unique("msg");
        CompletableFuture<Answer> one = CompletableFuture.supplyAsync(
                () -> send(message.request(secret, id, now() - 1, CASINO_ADDRESS)));
        CompletableFuture<Answer> other = CompletableFuture.supplyAsync(
                () -> send(message.request(secret, id, now(), CASINO_ADDRESS)));
        List<Answer> answers = List.of(one.join(), other.join());

        assertThat(answers).allSatisfy(answer -> assertThat(answer.status()).as(answer.text()).isEqualTo(200));
        List<LogRow> rows = answers.stream().map(answer -> logRow(answer.logId())).toList();
        assertThat(rows).extracting(LogRow::outcome).containsExactlyInAnyOrder("SUCCESS", "DUPLICATE");
        Answer accepted = answers.get(rows.get(0).outcome().equals("SUCCESS") ? 0 : 1);
        assertThat(rows).filteredOn(row -> row.outcome().equals("DUPLICATE")).singleElement()
            .extracting(LogRow::duplicateOf).isEqualTo(accepted.logId());
        assertOneEventFor(message, accepted);
    }

    /** A test postback moves no money; its resend is answered as its duplicate and is no test of its own. */
    @Test
    void aResendOfATestPostbackIsAnsweredAsItsDuplicate() {
        String path = "/postback/" + offer.partnerKey();
        List<Map.Entry<String, String>> parameters = List.of(Map.entry("click_id", unique("CLK")),
                Map.entry("status", "test"), Map.entry("payout", "1.00"));
        String id = unique("msg");
        String[] from = { "X-Forwarded-For", CASINO_ADDRESS };
        Answer first = get(path + "?" + Signing.query(secret, id, now() - 60, path, parameters), from);
        Answer resent = get(path + "?" + Signing.query(secret, id, now(), path, parameters), from);

        assertThat(first.status()).as(first.text()).isEqualTo(200);
        assertThat(logRow(first.logId()).outcome()).isEqualTo("TEST");
        assertThat(resent.status()).as(resent.text()).isEqualTo(200);
        assertThat(resent.body().get("status").asString()).isEqualTo(first.body().get("status").asString());
        assertThat(resent.body().get("message").asString()).isEqualTo(first.body().get("message").asString());
        LogRow row = logRow(resent.logId());
        assertThat(row.outcome()).isEqualTo("DUPLICATE");
        assertThat(row.duplicateOf()).isEqualTo(first.logId());
        assertThat(row.eventId()).isNull();
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
        return send(Message.fresh(family, offer).request(signer, id, timestamp, from));
    }

    /**
     * What a call of the family carries, apart from its signature: a body (JSON webhook) or parameters (GET
     * postback), unique to it, so that its sender can sign and send it again.
     */
    private record Message(Family family, String path, String body, List<Map.Entry<String, String>> parameters) {

        static Message fresh(Family family, TestOffer offer) {
            return switch (family) {
                case JSON_WEBHOOK -> new Message(family, "/webhooks/gaming/deposit", """
                        {"user_id": "%s", "amount": 100.00, "currency": "USD", "transaction_id": "%s",
                         "platform": "%s", "is_first_deposit": true, "timestamp": "2025-12-13T19:30:53Z"}"""
                    .formatted(unique("user"), unique("tx"), offer.houseSlug()), null);
                case GET_POSTBACK -> new Message(family, "/postback/" + offer.partnerKey(), null,
                        List.of(Map.entry("click_id", unique("CLK")), Map.entry("status", "approved"),
                                Map.entry("payout", "5.00"), Map.entry("transaction_id", unique("TXN")),
                                Map.entry("survey_id", "VBFS 6*~")));
            };
        }

        /** The call signed by {@code signer} (unsigned when null), from the given client address. */
        Request request(WebhookSecret signer, String id, long timestamp, String from) {
            String[] forwardedFor = { "X-Forwarded-For", from };
            return switch (family) {
                case JSON_WEBHOOK -> new Request(path, body, signer == null ? forwardedFor
                        : concat(Signing.headers(signer, id, timestamp, body), forwardedFor));
                case GET_POSTBACK -> new Request(path + "?" + (signer == null ? unsignedQuery()
                        : Signing.query(signer, id, timestamp, path, parameters)), null, forwardedFor);
            };
        }

        private String unsignedQuery() {
            return String.join("&", parameters.stream()
                .map(parameter -> parameter.getKey() + "=" + Signing.rfc3986(parameter.getValue())).toList());
        }

        /**
         * Another fact under the same order key, so on the same partition: the same player's next deposit, or the
         * same conversion's next status (seed 004's order key is its conversion's).
         */
        Message nextFactOfTheSameOrderKey() {
            return switch (family) {
                case JSON_WEBHOOK -> new Message(family, path, body.replace(value("transaction_id"), unique("tx")),
                        null);
                case GET_POSTBACK -> new Message(family, path, null, parameters.stream()
                    .map(parameter -> parameter.getKey().equals("status") ? Map.entry("status", "pending")
                            : parameter)
                    .toList());
            };
        }

        /** An event of this message: its transaction, in its status. */
        boolean reported(ConversionReported event) {
            return value("transaction_id").equals(event.getTransactionId())
                    && event.getStatus() == ConversionStatus.APPROVED;
        }

        private String value(String name) {
            return family == Family.JSON_WEBHOOK ? JSON.readTree(body).get(name).asString()
                    : parameters.stream().filter(parameter -> parameter.getKey().equals(name))
                        .findFirst().orElseThrow().getValue();
        }
    }

    /**
     * The message produced exactly one event, the accepted call's: a later fact of the same order key lands behind
     * anything else the message could have produced on the same partition.
     */
    private void assertOneEventFor(Message message, Answer accepted) {
        ConversionReported event = delivered(accepted.logId());
        Answer after = send(message.nextFactOfTheSameOrderKey().request(secret, unique("msg"), now(),
                CASINO_ADDRESS));
        assertThat(after.status()).as(after.text()).isEqualTo(200);
        assertThat(delivered(after.logId()).getOrderKey()).isEqualTo(event.getOrderKey());
        assertThat(deliveredWhere(message::reported)).hasSize(1);
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
