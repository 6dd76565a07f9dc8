package io.croupier.postback.partner;

import java.util.List;

import io.croupier.events.ConversionReported;
import io.croupier.events.ConversionStatus;
import io.croupier.postback.PostbackServiceTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** Seed 004, its scenarios sent as the seed writes them (host and key replaced). */
class PartnerPostbackTest extends PostbackServiceTest {

    TestOffer offer;

    @BeforeEach
    void knownPartner() {
        offer = offer(null, "USD");
    }

    private String url(String query) {
        return "/postback/" + offer.partnerKey() + "?" + query;
    }

    @Test
    void scenario1SurveyCompletionIsReceivedAndDistributed() {
        String click = unique("CLK-789ABC");
        Answer answer = get(url("click_id=" + click + "&status=approved&payout=5.00&survey_id=VBFS6&transaction_id="
                + unique("TXN")));

        assertThat(answer.status()).isEqualTo(200);
        assertThat(answer.body().get("status").asString()).isEqualTo("success");
        assertThat(answer.body().get("message").asString()).isEqualTo("Postback received and distributed");
        long logId = Long.parseLong(answer.body().get("log_id").asString());
        ConversionReported event = delivered(logId);
        assertThat(event.getClickId()).isEqualTo(click);
        assertThat(event.getStatus()).isEqualTo(ConversionStatus.APPROVED);
        assertThat(event.getOfferId()).isEqualTo(offer.id());
        assertThat(event.getReportedPayout().getAmount()).isEqualTo("5.00");
        assertThat(event.getReportedPayout().getCurrency()).isEqualTo("USD");
        assertThat(event.getExternalOfferId()).isEqualTo("VBFS6");
        assertThat(deliveredRecord(logId).orElseThrow().key()).as("keyed by the conversion")
            .isEqualTo(offer.id() + ":conversion:" + event.getConversionId());
        assertThat(logRow(logId).outcome()).isEqualTo("SUCCESS");
    }

    @Test
    void scenario2PendingThenApprovedIsAStatusChangePassedOnOnce() {
        String click = unique("CLK-456DEF");
        String tx = unique("TXN");
        String pending = "click_id=" + click + "&status=pending&payout=10.00&offer_id=OFFER-123&transaction_id=" + tx;
        String approved = pending.replace("status=pending", "status=approved");

        long pendingLog = logIdOf(get(url(pending)));
        long approvedLog = logIdOf(get(url(approved)));
        Answer repeat = get(url(approved));

        assertThat(delivered(pendingLog).getStatus()).isEqualTo(ConversionStatus.PENDING);
        assertThat(delivered(approvedLog).getStatus()).isEqualTo(ConversionStatus.APPROVED);
        assertThat(List.of(delivered(pendingLog).getConversionId(), delivered(approvedLog).getConversionId()))
            .as("one conversion, decided where the postback is accepted").containsOnly("tx:" + tx);
        assertThat(deliveredRecord(approvedLog).orElseThrow().key()).isEqualTo(deliveredRecord(pendingLog)
            .orElseThrow().key());
        assertThat(repeat.status()).isEqualTo(200);
        assertThat(repeat.body().get("duplicate").asBoolean()).isTrue();
        assertThat(logRow(logIdOf(repeat)).outcome()).isEqualTo("DUPLICATE");
        assertThat(logRow(logIdOf(repeat)).duplicateOf()).isEqualTo(approvedLog);
        assertThat(deliveredWhere(event -> tx.equals(event.getTransactionId()))).hasSize(2);
    }

    @Test
    void scenario3PostedCustomDataIsKeptInTheEvent() {
        String click = unique("CLK-999XYZ");
        Answer answer = postJson("/postback/" + offer.partnerKey(), """
                {
                  "click_id": "%s",
                  "status": "approved",
                  "payout": 3.50,
                  "survey_id": "DEMO-001",
                  "transaction_id": "%s",
                  "user_age": 28,
                  "user_gender": "female",
                  "user_country": "US",
                  "user_state": "CA",
                  "completion_time_seconds": 180,
                  "survey_responses": "{\\"q1\\":\\"yes\\",\\"q2\\":\\"no\\",\\"q3\\":\\"maybe\\"}"
                }""".formatted(click, unique("TXN-DEMO")));

        assertThat(answer.status()).isEqualTo(200);
        ConversionReported event = delivered(logIdOf(answer));
        assertThat(event.getReportedPayout().getAmount()).isEqualTo("3.50");
        assertThat(event.getCustomFields()).containsEntry("user_age", "28")
            .containsEntry("user_gender", "female")
            .containsEntry("survey_id", "DEMO-001")
            .containsEntry("survey_responses", "{\"q1\":\"yes\",\"q2\":\"no\",\"q3\":\"maybe\"}")
            .doesNotContainKeys("click_id", "payout", "status");
    }

    @Test
    void aFormEncodedPostIsReadLikeTheQuery() {
        String click = unique("CLK-FORM");
        Answer answer = postForm("/postback/" + offer.partnerKey(),
                "click_id=" + click + "&status=pending&payout=2.25&user_country=BR");

        assertThat(answer.status()).as(answer.text()).isEqualTo(200);
        ConversionReported event = delivered(logIdOf(answer));
        assertThat(event.getClickId()).isEqualTo(click);
        assertThat(event.getStatus()).isEqualTo(ConversionStatus.PENDING);
        assertThat(event.getCustomFields()).containsEntry("user_country", "BR");
        assertThat(logRow(logIdOf(answer)).body()).contains(click);
    }

    @Test
    void scenario4EachClickIsItsOwnConversion() {
        String first = unique("CLK-001");
        String second = unique("CLK-002");
        long one = logIdOf(get(url("click_id=" + first + "&status=approved&payout=5.00&offer_id=OFFER-A")));
        long two = logIdOf(get(url("click_id=" + second + "&status=approved&payout=8.00&offer_id=OFFER-B")));

        assertThat(delivered(one).getClickId()).isEqualTo(first);
        assertThat(delivered(two).getClickId()).isEqualTo(second);
    }

    @Test
    void scenario5RejectedConversionCarriesItsReason() {
        long logId = logIdOf(get(url("click_id=" + unique("CLK-FRAUD") + "&status=rejected&payout=0&offer_id=OFFER-456"
                + "&transaction_id=" + unique("TXN-REJECT") + "&reason=fraud_detected")));

        ConversionReported event = delivered(logId);
        assertThat(event.getStatus()).isEqualTo(ConversionStatus.REJECTED);
        assertThat(event.getReason()).isEqualTo("fraud_detected");
        assertThat(event.getReportedPayout().getAmount()).isEqualTo("0");
    }

    @Test
    void scenario6WithoutClickIdTheFallbackUsesThePartnersOfferAndTransaction() {
        String tx = unique("TXN-NOCLICKID");
        long logId = logIdOf(get(url("offer_id=SURVEY-789&status=approved&payout=7.00&transaction_id=" + tx)));

        ConversionReported event = delivered(logId);
        assertThat(event.getClickId()).isNull();
        assertThat(event.getExternalOfferId()).isEqualTo("SURVEY-789");
        assertThat(event.getConversionId()).isEqualTo("tx:" + tx);
        assertThat(deliveredRecord(logId).orElseThrow().key()).as("no click: keyed by the conversion")
            .isEqualTo(offer.id() + ":conversion:tx:" + tx)
            .isEqualTo(event.getOrderKey());
    }

    @Test
    void missingClickIdWithoutFallbackIs400ClickIdRequired() {
        Answer answer = get(url("status=approved&payout=5.00"));

        assertThat(answer.status()).isEqualTo(400);
        assertThat(answer.body().get("detail").asString()).isEqualTo("click_id required");
        assertThat(logRow(logIdOf(answer)).outcome()).isEqualTo("ERROR_VALIDATION");
    }

    @Test
    void scenario8CurrencyIsKept() {
        long logId = logIdOf(get(url("click_id=" + unique("CLK-EUR") + "&status=approved&payout=42.50&currency=EUR"
                + "&offer_id=OFFER-EU&transaction_id=" + unique("TXN-EUR"))));

        assertThat(delivered(logId).getReportedPayout().getCurrency()).isEqualTo("EUR");
    }

    @Test
    void scenario10TestPostbackIsLoggedAndAnsweredButMovesNoMoney() {
        Answer answer = get(url("click_id=" + unique("TEST-INTEGRATION") + "&status=test&payout=1.00&offer_id=TEST-OFFER"));

        assertThat(answer.status()).isEqualTo(200);
        assertThat(answer.body().get("message").asString()).isEqualTo("Postback received and distributed");
        long logId = logIdOf(answer);
        assertThat(logRow(logId).outcome()).isEqualTo("TEST");
        assertThat(logRow(logId).eventId()).isNull();
        long marker = logIdOf(get(url("click_id=" + unique("CLK") + "&status=approved")));
        delivered(marker);
        assertThat(deliveredRecord(logId)).isEmpty();
    }

    @Test
    void theTestEndpointAnswersAsTheSeedShows() {
        Answer answer = get("/api/analytics/postback/test");

        assertThat(answer.status()).isEqualTo(200);
        assertThat(answer.text()).isEqualTo("{\"status\":\"online\",\"endpoint\":\"/api/analytics/postback\","
                + "\"methods\":[\"GET\",\"POST\"],\"required_params\":[\"click_id\"],"
                + "\"optional_params\":[\"status\",\"payout\",\"transaction_id\",\"+ any custom fields\"]}");
    }

    @Test
    void unknownKeyIs404InvalidPostbackKey() {
        Answer answer = get("/postback/wrong-key?click_id=CLK-123");

        assertThat(answer.status()).isEqualTo(404);
        assertThat(answer.body().get("detail").asString()).isEqualTo("Invalid postback key");
        assertThat(logRow(logIdOf(answer)).outcome()).isEqualTo("ERROR_INVALID_KEY");
    }

    @Test
    void literalMacrosAreRejectedNamingTheMacro() {
        Answer answer = get(url("click_id={click_id}&payout={payout}"));

        assertThat(answer.status()).isEqualTo(400);
        assertThat(answer.body().get("detail").asString()).contains("{click_id}");
        LogRow row = logRow(logIdOf(answer));
        assertThat(row.outcome()).isEqualTo("ERROR_VALIDATION");
        assertThat(row.offerId()).isEqualTo(offer.id());
        assertThat(row.query()).contains("click_id=%7Bclick_id%7D");
    }

    @Test
    void malformedInputGetsItsErrorAndALogRow() {
        assertRejected(get(url("click_id=CLK-1&payout=abc")), "payout must be a decimal number");
        assertRejected(get(url("click_id=CLK-1&payout=-5")), "payout must not be negative");
        assertRejected(get(url("click_id=CLK-1&payout=5&currency=XYZ")), "not an ISO 4217 currency");
        assertRejected(get(url("click_id=CLK-1&status=maybe")), "status must be");
        assertRejected(get(url("click_id=" + "x".repeat(300))), "click_id is longer than 255");
        assertRejected(get(url("click_id=CLK-1&note=" + "y".repeat(1001))), "note is longer than 1000");
        assertRejected(postJson("/postback/" + offer.partnerKey(), "{\"click_id\": "), "not valid JSON");
    }

    @Test
    void tooManyCustomFieldsAreRejected() {
        StringBuilder query = new StringBuilder("click_id=CLK-1");
        for (int i = 0; i < 51; i++) {
            query.append("&field").append(i).append("=v");
        }
        assertRejected(get(url(query.toString())), "more than 50 custom fields");
    }

    @Test
    void anOversizedBodyIs413AndLogged() {
        Answer answer = postJson("/postback/" + offer.partnerKey(),
                "{\"click_id\":\"CLK-1\",\"blob\":\"" + "z".repeat(20_000) + "\"}");

        assertThat(answer.status()).isEqualTo(413);
        assertThat(logRow(logIdOf(answer)).outcome()).isEqualTo("ERROR_VALIDATION");
    }

    private void assertRejected(Answer answer, String detail) {
        assertThat(answer.status()).as(answer.text()).isEqualTo(400);
        assertThat(answer.body().get("detail").asString()).contains(detail);
        assertThat(logRow(logIdOf(answer)).outcome()).isEqualTo("ERROR_VALIDATION");
    }

    private static long logIdOf(Answer answer) {
        return Long.parseLong(answer.body().get("log_id").asString());
    }
}
