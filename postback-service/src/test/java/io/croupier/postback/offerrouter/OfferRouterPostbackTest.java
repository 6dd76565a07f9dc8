package io.croupier.postback.offerrouter;

import java.time.Duration;

import io.croupier.events.ConversionKind;
import io.croupier.events.ConversionReported;
import io.croupier.postback.PostbackServiceTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Seed 001: {@code POST /postback} with the offer's secret. */
class OfferRouterPostbackTest extends PostbackServiceTest {

    TestOffer offer;

    @BeforeEach
    void knownOffer() {
        offer = offer(null, "EUR");
    }

    private String body(String clickId, String event, String payout, String secret) {
        return """
                {
                  "click_id": "%s",
                  "event": "%s",
                  "payout": %s,
                  "secret": "%s"
                }""".formatted(clickId, event, payout, secret);
    }

    @Test
    void anFtdWithTheOffersSecretIsRecorded() {
        String click = unique("abc-123-def");

        Answer answer = postJson("/postback", body(click, "ftd", "100", offer.secret()));

        assertThat(answer.status()).isEqualTo(200);
        assertThat(answer.body().get("status").asString()).isEqualTo("success");
        assertThat(answer.body().get("message").asString()).isEqualTo("FTD and payout recorded");
        assertThat(answer.body().get("click_id").asString()).isEqualTo(click);
        long logId = answer.body().get("log_id").asLong();
        ConversionReported event = delivered(logId);
        assertThat(event.getKind()).isEqualTo(ConversionKind.FTD);
        assertThat(event.getOfferId()).isEqualTo(offer.id());
        assertThat(event.getClickId()).isEqualTo(click);
        assertThat(event.getReportedPayout().getAmount()).isEqualTo("100");
        assertThat(event.getReportedPayout().getCurrency()).as("the offer's deal currency").isEqualTo("EUR");
        assertThat(logRow(logId).body()).contains("\"secret\":\"***\"").doesNotContain(offer.secret());
    }

    @Test
    void theOptionalExternalPlayerIdBecomesThePlayer() {
        Answer answer = postJson("/postback", """
                {"click_id": "%s", "event": "ftd", "payout": 100.50, "secret": "%s", "external_player_id": "player123"}"""
            .formatted(unique("click"), offer.secret()));

        ConversionReported event = delivered(answer.body().get("log_id").asLong());
        assertThat(event.getPlayerId()).isEqualTo("player123");
        assertThat(event.getReportedPayout().getAmount()).isEqualTo("100.50");
    }

    @Test
    void eventNamesMapOntoConversionKinds() {
        assertThat(kindOf("registration")).isEqualTo(ConversionKind.REGISTRATION);
        assertThat(kindOf("deposit")).isEqualTo(ConversionKind.DEPOSIT);
        assertThat(kindOf("FTD")).isEqualTo(ConversionKind.FTD);
        assertThat(kindOf("upsell")).isEqualTo(ConversionKind.CONVERSION);
    }

    private ConversionKind kindOf(String event) {
        Answer answer = postJson("/postback", body(unique("click"), event, "1", offer.secret()));
        return delivered(answer.body().get("log_id").asLong()).getKind();
    }

    @Test
    void aWrongSecretIs403AndRevealsNothingAboutTheClick() {
        String click = unique("click");
        postJson("/postback", body(click, "ftd", "100", offer.secret()));

        Answer knownClick = postJson("/postback", body(click, "ftd", "100", "wrong-secret"));
        Answer unknownClick = postJson("/postback", body(unique("never-seen"), "ftd", "100", "wrong-secret"));
        Answer noSecret = postJson("/postback", "{\"click_id\": \"" + click + "\", \"event\": \"ftd\"}");

        for (Answer answer : new Answer[] { knownClick, unknownClick, noSecret }) {
            assertThat(answer.status()).isEqualTo(403);
            assertThat(answer.body().get("detail").asString()).isEqualTo("invalid postback secret");
            assertThat(logRow(answer.body().get("log_id").asLong()).outcome()).isEqualTo("ERROR_INVALID_KEY");
        }
    }

    @Test
    void aRepeatedFtdIsADuplicateAndProducesNoSecondEvent() {
        String click = unique("click");
        long first = postJson("/postback", body(click, "ftd", "100", offer.secret())).body().get("log_id").asLong();

        Answer repeat = postJson("/postback", body(click, "ftd", "100", offer.secret()));

        assertThat(repeat.status()).isEqualTo(200);
        assertThat(repeat.body().get("duplicate").asBoolean()).isTrue();
        assertThat(repeat.body().get("click_id").asString()).isEqualTo(click);
        delivered(first);
        long marker = postJson("/postback", body(unique("click"), "ftd", "1", offer.secret())).body().get("log_id")
            .asLong();
        delivered(marker);
        assertThat(deliveredWhere(event -> click.equals(event.getClickId()))).hasSize(1);
    }

    @Test
    void aPostbackForAnOfferNotYetKnownIsAcceptedOnceTheOfferArrives() {
        TestOffer late = new TestOffer("9" + unique("").replace("-", ""), "Late casino", unique("late-secret"), null,
                unique("late-key"), "USD");
        String body = body(unique("click"), "ftd", "50", late.secret());
        assertThat(postJson("/postback", body).status()).isEqualTo(403);

        publish(late, true);

        await().atMost(Duration.ofSeconds(20)).until(() -> postJson("/postback", body).status() == 200);
    }

    @Test
    void malformedInputGetsAProblemDetailAndALogRow() {
        assertRejected(postJson("/postback", body("{click_id}", "ftd", "100", offer.secret())),
                "unreplaced macro {click_id} in click_id");
        assertRejected(postJson("/postback", body(unique("c"), "ftd", "\"{payout}\"", offer.secret())),
                "unreplaced macro {payout}");
        assertRejected(postJson("/postback", body(unique("c"), "ftd", "-1", offer.secret())),
                "payout must not be negative");
        assertRejected(postJson("/postback", body(unique("c"), "ftd", "\"ten\"", offer.secret())),
                "payout must be a decimal number");
        assertRejected(postJson("/postback", "{\"event\": \"ftd\", \"secret\": \"" + offer.secret() + "\"}"),
                "click_id is required");
        assertRejected(postJson("/postback", "[1, 2]"), "must be a JSON object");
        assertRejected(postJson("/postback", "not json"), "not valid JSON");
    }

    private void assertRejected(Answer answer, String detail) {
        assertThat(answer.status()).as(answer.text()).isEqualTo(400);
        assertThat(answer.body().get("detail").asString()).contains(detail);
        assertThat(logRow(answer.body().get("log_id").asLong()).outcome()).isEqualTo("ERROR_VALIDATION");
    }
}
