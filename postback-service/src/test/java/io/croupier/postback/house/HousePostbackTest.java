package io.croupier.postback.house;

import java.time.Duration;

import io.croupier.events.ConversionKind;
import io.croupier.events.ConversionReported;
import io.croupier.postback.PostbackServiceTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Seed 003 as postback-service answers it: its URLs, errors and answer bodies, the answer waiting for the ledger entry
 * its postback causes and relaying that entry's revenue. Here a test plays commission-service with figures of its
 * own; the seed's figures (R$ 150, R$ 24) are computed by the real commission-service in local-stack's
 * SeedWorkedExamplesEndToEndTest.
 */
class HousePostbackTest extends PostbackServiceTest {

    String affiliate;

    @BeforeEach
    void affiliateAndLedgerReader() {
        affiliate = unique("joao");
        publishPublisher(affiliate);
        awaitLedgerReader();
    }

    @Test
    void theAnswerCarriesTheRevenueOfTheLedgerEntryItsPostbackCausedAsTheSeedShowsFigures() {
        TestOffer brazino = offer(unique("brazino"), "BRL");

        Answer registration = answeredWithCommission(brazino,
                "/api/postback/" + brazino.houseSlug() + "/registration?subid=" + affiliate + "&amount=0", "0");
        Answer deposit = answeredWithCommission(brazino,
                "/api/postback/" + brazino.houseSlug() + "/deposit?subid=" + affiliate + "&amount=25.00", "170.00");

        assertThat(registration.status()).isEqualTo(200);
        assertThat(registration.text()).contains("\"commission\":0,");
        assertThat(deposit.status()).isEqualTo(200);
        assertThat(deposit.body().get("status").asString()).isEqualTo("success");
        assertThat(deposit.body().get("message").asString())
            .isEqualTo("Postback processado com sucesso - " + brazino.name());
        assertThat(deposit.body().get("event").asString()).isEqualTo("deposit");
        assertThat(deposit.text()).as("170.00 answers as 170").contains("\"commission\":170,");
        assertThat(deposit.body().get("house").asString()).isEqualTo(brazino.name());
        long logId = deposit.body().get("logId").asLong();
        ConversionReported event = delivered(logId);
        assertThat(event.getKind()).isEqualTo(ConversionKind.DEPOSIT);
        assertThat(event.getSubId()).isEqualTo(affiliate);
        assertThat(event.getAmount().getAmount()).isEqualTo("25.00");
        assertThat(event.getAmount().getCurrency()).isEqualTo("BRL");
        assertThat(deliveredRecord(logId).orElseThrow().key()).isEqualTo(brazino.id() + ":sub:" + affiliate);
    }

    @Test
    void aProfitIsAnsweredWithItsCommissionOnceCalculated() {
        TestOffer bet365 = offer(unique("bet365"), "BRL");

        Answer profit = answeredWithCommission(bet365,
                "/api/postback/" + bet365.houseSlug() + "/profit?subid=" + affiliate + "&amount=80.00", "24.50");

        assertThat(profit.text()).as("24.50 answers as 24.5").contains("\"commission\":24.5,");
        assertThat(profit.body().get("commissionStatus").asString()).isEqualTo("CALCULATED");
        assertThat(delivered(profit.body().get("logId").asLong()).getKind()).isEqualTo(ConversionKind.PROFIT);
    }

    @Test
    void aCommissionStillBeingComputedAnswers200WithNullCommission() {
        TestOffer house = offer(unique("slowhouse"), "BRL");

        Answer answer = get("/api/postback/" + house.houseSlug() + "/deposit?subid=" + affiliate + "&amount=10");

        assertThat(answer.status()).isEqualTo(200);
        assertThat(answer.body().get("commission").isNull()).isTrue();
        assertThat(answer.body().get("commissionStatus").asString()).isEqualTo("PENDING");
        assertThat(answer.body().get("logId").asLong()).isPositive();
    }

    @Test
    void aRepeatedPostbackIsADuplicateAnsweredWithTheOriginalCommission() {
        TestOffer house = offer(unique("brazino"), "BRL");
        String url = "/api/postback/" + house.houseSlug() + "/deposit?subid=" + affiliate + "&amount=30.00";
        Answer first = answeredWithCommission(house, url, "133");

        Answer repeat = get(url);

        assertThat(repeat.status()).isEqualTo(200);
        assertThat(repeat.body().get("duplicate").asBoolean()).isTrue();
        assertThat(repeat.text()).contains("\"commission\":133,");
        long firstLog = first.body().get("logId").asLong();
        assertThat(logRow(repeat.body().get("logId").asLong()).duplicateOf()).isEqualTo(firstLog);
        delivered(firstLog);
        assertThat(deliveredWhere(event -> house.id().equals(event.getOfferId()))).hasSize(1);
    }

    @Test
    void unknownHouseAnswersTheSeedsErrorBody() {
        Answer answer = get("/api/postback/" + unique("nohouse") + "/deposit?subid=" + affiliate + "&amount=10");

        assertThat(answer.status()).isEqualTo(404);
        long logId = answer.body().get("logId").asLong();
        assertThat(answer.text()).isEqualTo("{\"error\":\"Casa de apostas não encontrada\",\"logId\":" + logId + "}");
        assertThat(logRow(logId).outcome()).isEqualTo("ERROR_HOUSE_NOT_FOUND");
    }

    @Test
    void anInactiveHouseIsNotFound() {
        TestOffer house = offer(unique("closed"), "BRL");
        publish(house, false);
        await().atMost(Duration.ofSeconds(20)).until(() -> !jdbc.sql("select active from offers where offer_id = :id")
            .param("id", house.id()).query(Boolean.class).single());

        Answer answer = get("/api/postback/" + house.houseSlug() + "/deposit?subid=" + affiliate + "&amount=10");

        assertThat(answer.status()).isEqualTo(404);
        assertThat(logRow(answer.body().get("logId").asLong()).outcome()).isEqualTo("ERROR_HOUSE_NOT_FOUND");
    }

    @Test
    void unknownAffiliateIsLoggedAsAffiliateNotFound() {
        TestOffer house = offer(unique("brazino"), "BRL");

        Answer answer = get("/api/postback/" + house.houseSlug() + "/deposit?subid=" + unique("ghost") + "&amount=10");

        assertThat(answer.status()).isEqualTo(404);
        assertThat(answer.body().get("error").asString()).isEqualTo("Afiliado não encontrado");
        assertThat(logRow(answer.body().get("logId").asLong()).outcome()).isEqualTo("ERROR_AFFILIATE_NOT_FOUND");
    }

    @Test
    void malformedInputGetsTheSeedsErrorBodyAndALogRow() {
        TestOffer house = offer(unique("brazino"), "BRL");
        String base = "/api/postback/" + house.houseSlug();

        assertRejected(get(base + "/withdrawal?subid=" + affiliate + "&amount=10"), "Evento inválido");
        assertRejected(get(base + "/deposit?amount=10"), "subid is required");
        assertRejected(get(base + "/deposit?subid=" + affiliate), "amount is required");
        assertRejected(get(base + "/deposit?subid=" + affiliate + "&amount=-10"), "amount must not be negative");
        assertRejected(get(base + "/deposit?subid=" + affiliate + "&amount=1,5"), "amount must be a decimal number");
        assertRejected(get(base + "/deposit?subid={subid}&amount=10"), "unreplaced macro {subid}");
    }

    @Test
    void aTokenSentAlongIsNeverLogged() {
        TestOffer house = offer(unique("tokened"), "BRL");

        Answer accepted = answeredWithCommission(house, "/api/postback/" + house.houseSlug() + "/registration?subid="
                + affiliate + "&amount=0&token=s3cret-token&Secret=s3cret-too", "0");

        assertThat(accepted.status()).isEqualTo(200);
        assertThat(logRow(accepted.body().get("logId").asLong()).query()).contains("token=***", "Secret=***")
            .doesNotContain("s3cret");
    }

    private void assertRejected(Answer answer, String error) {
        assertThat(answer.status()).as(answer.text()).isEqualTo(400);
        assertThat(answer.body().get("error").asString()).contains(error);
        assertThat(logRow(answer.body().get("logId").asLong()).outcome()).isEqualTo("ERROR_VALIDATION");
    }
}
