package io.croupier.localstack;

import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import tools.jackson.databind.JsonNode;

import static io.croupier.localstack.TestPlatform.JSON;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every worked example of seeds 000, 001, 003 and 004, sent over HTTP through the front door to the running
 * platform as the seeds write them (with fresh ids where a seed repeats one): the answer body the seed promises, the
 * ledger entry commission-service records, and the postback the publisher receives.
 */
@ExtendWith(TestPlatform.Shared.class)
class SeedWorkedExamplesEndToEndTest {

    private static TestPlatform platform;

    private static String edge;

    private final String run = UUID.randomUUID().toString().substring(0, 8);

    @BeforeAll
    static void platform(TestPlatform shared) {
        platform = shared;
        edge = shared.edgeUrl();
    }

    // Seed 000: a casino platform's webhooks. Its registration names no click: the player is linked to the
    // platform's most recent click (a guess, paid under the default deal, and said so in the ledger).

    @Test
    void seed000RegistrationThenFirstDepositPaysTheCpaOnceAndTheLtvGrowsWithEveryDeposit() {
        JsonNode casinoPro = platform.offer("Casino Pro");
        JsonNode joao = platform.publisherNamed("joao123");
        String click = platform.click(casinoPro, joao, "source=landing");
        String user = "user_" + run;

        // The seed's payloads, with the time of sending rather than the seed's day: the fallback looks for the
        // platform's clicks of the hour before the registration.
        String now = Instant.now().toString();
        JsonNode registered = answer(platform.postJson(edge + "/webhooks/gaming/registration", """
                {"user_id": "%s", "platform": "casino_pro", "registration_method": "email", "country": "US",
                 "timestamp": "%s"}""".formatted(user, now)));
        JsonNode firstDeposit = answer(platform.postJson(edge + "/webhooks/gaming/deposit", """
                {"user_id": "%s", "amount": 100.00, "currency": "USD", "transaction_id": "tx_%s",
                 "platform": "casino_pro", "game_type": "slots", "payment_method": "credit_card",
                 "is_first_deposit": true, "timestamp": "%s"}""".formatted(user, run, now)));
        JsonNode repeat = answer(platform.postJson(edge + "/webhooks/gaming/deposit", """
                {"user_id": "%s", "amount": 50.00, "currency": "USD", "transaction_id": "tx_%s_2",
                 "platform": "casino_pro", "is_first_deposit": false}""".formatted(user, run)));

        for (JsonNode answer : List.of(registered, firstDeposit, repeat)) {
            assertThat(answer.path("status").asString()).isEqualTo("success");
            assertThat(answer.path("postback_triggered").asBoolean()).isTrue();
            assertThat(answer.path("conversion_id").asString()).isEqualTo("postback:" + answer.path("log_id").asLong());
        }
        JsonNode registration = own(registered);
        assertThat(registration.path("rule").asString()).isEqualTo("REGISTRATION_AWAITING_DEPOSIT");
        assertThat(registration.path("attribution").path("method").asString()).isEqualTo("FALLBACK");
        assertThat(registration.path("click_id").asString()).isEqualTo(click);
        JsonNode cpa = own(firstDeposit);
        assertMoney(cpa.path("revenue"), "100.00", "USD");
        assertThat(cpa.path("rule").asString()).isEqualTo("CPA_QUALIFIED");
        assertThat(cpa.path("first_deposit").asBoolean()).isTrue();
        assertThat(cpa.path("attribution").path("guessed").asBoolean()).as("it follows a link the fallback made")
            .isTrue();
        assertThat(cpa.path("attribution").path("warning").asString()).contains("fallback");
        assertMoney(cpa.path("publisher_payout"), "80.00", "USD");
        assertThat(platform.forwarded(cpa).uri()).contains("click_id=" + click, "payout=80.00", "currency=USD",
                "status=approved", "event=ftd");
        JsonNode notFirst = own(repeat);
        assertThat(notFirst.path("rule").asString()).isEqualTo("CPA_NOT_FIRST_DEPOSIT");
        assertMoney(notFirst.path("revenue"), "0.00", "USD");
        JsonNode ltv = JSON.readTree(platform.read(platform.url(PlatformService.COMMISSION) + "/customers/" + user
                + "/ltv").body()).get(0);
        assertThat(ltv.path("customer_id").asString()).isEqualTo(user);
        assertThat(ltv.path("deposit_count").asInt()).isEqualTo(2);
        assertMoney(ltv.path("total_deposits"), "150.00", "USD");
        assertMoney(ltv.path("total_revenue"), "100.00", "USD");
        assertThat(ltv.path("segment").asString()).isEqualTo("regular");
        assertThat(platform.wasForwarded(registration) || platform.wasForwarded(notFirst))
            .as("what earns the publisher nothing is not forwarded").isFalse();
    }

    @Test
    void seed000FirstDepositWithoutIsFirstDepositStillPaysTheCpaAndTheNextOneDoesNot() {
        JsonNode casinoPro = platform.offer("Casino Pro");
        platform.click(casinoPro, platform.publisherNamed("teste123"), "");
        String user = "new_player_" + run;
        answer(platform.postJson(edge + "/webhooks/gaming/registration", """
                {"user_id": "%s", "platform": "casino_pro"}""".formatted(user)));

        JsonNode first = own(answer(platform.postJson(edge + "/webhooks/gaming/deposit", """
                {"user_id": "%s", "amount": 10.0, "transaction_id": "test_tx_%s", "platform": "casino_pro"}"""
            .formatted(user, run))));
        JsonNode second = own(answer(platform.postJson(edge + "/webhooks/gaming/deposit", """
                {"user_id": "%s", "amount": 10.0, "transaction_id": "test_tx_%s_2", "platform": "casino_pro"}"""
            .formatted(user, run))));

        assertThat(first.path("rule").asString()).as("the player's history says it is the first")
            .isEqualTo("CPA_QUALIFIED");
        assertMoney(first.path("revenue"), "100.00", "USD");
        assertThat(first.path("first_deposit").asBoolean()).isTrue();
        assertMoney(platform.forwardedPayout(first), "80.00", "USD");
        assertThat(second.path("rule").asString()).isEqualTo("CPA_NOT_FIRST_DEPOSIT");
        assertThat(second.path("first_deposit").asBoolean()).isFalse();
    }

    @Test
    void seed000TroubleshootingDepositIsAcceptedThoughItNamesNoPlatform() {
        HttpResponse<String> health = platform.get(edge + "/health");
        HttpResponse<String> deposit = platform.postJson(edge + "/webhooks/gaming/deposit",
                "{\"user_id\":\"test\",\"amount\":10.0,\"transaction_id\":\"test_tx_" + run + "\"}");

        assertThat(health.statusCode()).isEqualTo(200);
        JsonNode answer = answer(deposit);
        assertThat(answer.path("status").asString()).isEqualTo("success");
        assertThat(answer.path("postback_triggered").asBoolean()).isTrue();
    }

    // Seed 001: the offer router. A click redirects to the casino with its click id; the casino's FTD postback,
    // authenticated by the offer's secret, pays the payout it reports.

    @Test
    void seed001ClickThenFtdPostbackRecordsTheReportedPayoutAndPaysThePublisher() {
        JsonNode alpha = platform.offer("Casino Alpha");
        JsonNode teste = platform.publisherNamed("teste123");
        String apiExample = platform.click(alpha, teste, "source=facebook&campaign=winter2024");
        String testingExample = platform.click(alpha, teste, "source=homepage");

        HttpResponse<String> ftd = platform.postJson(edge + "/postback", """
                {"click_id": "%s", "event": "ftd", "payout": 100.50, "secret": "your_offer_secret_here",
                 "external_player_id": "player123_%s"}""".formatted(apiExample, run));
        HttpResponse<String> testing = platform.postJson(edge + "/postback", """
                {"click_id": "%s", "event": "ftd", "payout": 150, "secret": "your_offer_secret_here"}"""
            .formatted(testingExample));

        JsonNode answer = answer(ftd);
        assertThat(answer.path("status").asString()).isEqualTo("success");
        assertThat(answer.path("message").asString()).isEqualTo("FTD and payout recorded");
        assertThat(answer.path("click_id").asString()).isEqualTo(apiExample);
        JsonNode entry = own(answer);
        assertThat(entry.path("rule").asString()).isEqualTo("REPORTED_PAYOUT");
        assertThat(entry.path("attribution").path("method").asString()).isEqualTo("CLICK_ID");
        assertThat(entry.path("attribution").path("guessed").asBoolean()).isFalse();
        assertMoney(entry.path("revenue"), "100.50", "USD");
        assertMoney(entry.path("publisher_payout"), "80.40", "USD");
        assertThat(platform.forwarded(entry).uri()).contains("click_id=" + apiExample, "payout=80.40", "event=ftd");
        JsonNode second = own(answer(testing));
        assertMoney(second.path("revenue"), "150.00", "USD");
        assertMoney(platform.forwardedPayout(second), "120.00", "USD");
    }

    // Seed 003: betting houses' postbacks; the answer carries the commission commission-service computed.

    @Test
    void seed003CpaScenarioAnswersNothingForTheRegistrationThenR$150ForTheR$25Deposit() {
        JsonNode registration = answer(platform.get(house("brazino/registration?subid=joao123&amount=0")));
        JsonNode deposit = answer(platform.get(house("brazino/deposit?subid=joao123&amount=25.00")));

        assertHouseAnswer(registration, "Brazino", "registration", "0");
        assertHouseAnswer(deposit, "Brazino", "deposit", "150");
        JsonNode cpa = own(deposit);
        assertThat(cpa.path("rule").asString()).isEqualTo("CPA_QUALIFIED");
        assertMoney(cpa.path("revenue"), "150.00", "BRL");
        assertThat(cpa.path("attribution").path("method").asString()).isEqualTo("SUB_ID");
        assertMoney(platform.forwardedPayout(cpa), "120.00", "BRL");
        assertThat(own(registration).path("rule").asString()).isEqualTo("REGISTRATION_AWAITING_DEPOSIT");
    }

    @Test
    void seed003RevShareScenarioPaysNothingForRegistrationAndDepositThenR$24For30PercentOfR$80Profit() {
        JsonNode registration = answer(platform.get(house("bet365/registration?subid=maria456&amount=0")));
        JsonNode deposit = answer(platform.get(house("bet365/deposit?subid=maria456&amount=100.00")));
        JsonNode profit = answer(platform.get(house("bet365/profit?subid=maria456&amount=80.00")));

        assertHouseAnswer(registration, "Bet365", "registration", "0");
        assertHouseAnswer(deposit, "Bet365", "deposit", "0");
        assertHouseAnswer(profit, "Bet365", "profit", "24");
        assertThat(own(deposit).path("rule").asString()).isEqualTo("DEPOSIT_NOT_PAID_UNDER_REVSHARE");
        JsonNode revShare = own(profit);
        assertThat(revShare.path("rule").asString()).isEqualTo("REVSHARE");
        assertMoney(revShare.path("revenue"), "24.00", "BRL");
        DemoPublisher.ReceivedPostback postback = platform.forwarded(revShare);
        assertThat(postback.method()).as("maria456 takes JSON postbacks").isEqualTo("POST");
        JsonNode body = JSON.readTree(postback.body());
        assertThat(body.path("payout").decimalValue()).as("her fixed R$ 50").isEqualByComparingTo("50.00");
        assertThat(body.path("currency").asString()).isEqualTo("BRL");
        assertThat(body.path("event").asString()).isEqualTo("profit");
    }

    @Test
    void seed003TestingExamplesPayTheCpaAtBrazinoAndTheRevShareAtBet365() {
        answer(platform.get(house("brazino/registration?subid=teste123&amount=0")));
        JsonNode deposit = answer(platform.get(house("brazino/deposit?subid=teste123&amount=50")));
        JsonNode profit = answer(platform.get(house("bet365/profit?subid=teste123&amount=100")));

        assertHouseAnswer(deposit, "Brazino", "deposit", "150");
        assertHouseAnswer(profit, "Bet365", "profit", "30");
        assertMoney(platform.forwardedPayout(own(profit)), "24.00", "BRL");
    }

    // Seed 004: an offer network's partner postbacks, forwarded to an offerwall publisher whose users earn points.

    @Test
    void seed004Scenario1SurveyCompletionPaysThePublisher80PercentAndTheUser4Points() {
        String user = "survey-user-" + run;
        String click = platform.click(moustache(), offerwall(), "sub1=" + user);

        HttpResponse<String> response = platform.get(partner("click_id=" + click
                + "&status=approved&payout=5.00&survey_id=VBFS6&transaction_id=TXN-12345-" + run));

        JsonNode answer = answer(response);
        assertThat(response.body()).startsWith("{\"status\":\"success\",\"message\":\"Postback received and "
                + "distributed\",\"log_id\":\"" + answer.path("log_id").asString() + "\"");
        JsonNode entry = own(answer);
        assertMoney(entry.path("revenue"), "5.00", "USD");
        assertMoney(entry.path("publisher_payout"), "4.00", "USD");
        assertThat(platform.forwarded(entry).uri()).contains("click_id=" + click, "payout=4.00", "status=approved");
        assertThat(platform.points(offerwall(), user)).isEqualTo("4");
    }

    @Test
    void seed004Scenario2PendingIsForwardedWithoutPointsAndTheLaterApprovalPaysOnce() {
        String user = "review-user-" + run;
        String click = platform.click(moustache(), offerwall(), "sub1=" + user);
        String pending = "click_id=" + click + "&status=pending&payout=10.00&offer_id=OFFER-123"
                + "&transaction_id=TXN-67890-" + run;

        JsonNode pendingEntry = own(answer(platform.get(partner(pending))));
        DemoPublisher.ReceivedPostback pendingNotice = platform.forwarded(pendingEntry);
        String pointsWhilePending = platform.points(offerwall(), user);
        JsonNode approved = own(answer(platform.get(partner(pending.replace("status=pending", "status=approved")))));

        assertThat(pendingEntry.path("rule").asString()).isEqualTo("PENDING");
        assertMoney(pendingEntry.path("publisher_payout"), "0.00", "USD");
        assertThat(pendingNotice.uri()).contains("status=pending", "payout=8.00");
        assertThat(pointsWhilePending).isEqualTo("0");
        assertThat(approved.path("rule").asString()).isEqualTo("REPORTED_PAYOUT");
        assertMoney(approved.path("publisher_payout"), "8.00", "USD");
        assertThat(platform.forwarded(approved).uri()).contains("status=approved", "payout=8.00");
        assertThat(platform.points(offerwall(), user)).isEqualTo("8");
    }

    @Test
    void seed004Scenario3CustomDataByPostPays80PercentOf$3Point50() {
        String user = "demo-user-" + run;
        String click = platform.click(moustache(), offerwall(), "sub1=" + user);

        JsonNode entry = own(answer(platform.postJson(partner(""), """
                {"click_id": "%s", "status": "approved", "payout": 3.50, "survey_id": "DEMO-001",
                 "transaction_id": "TXN-DEMO-123-%s", "user_age": 28, "user_gender": "female",
                 "user_country": "US", "user_state": "CA", "completion_time_seconds": 180,
                 "survey_responses": "{\\"q1\\":\\"yes\\",\\"q2\\":\\"no\\",\\"q3\\":\\"maybe\\"}"}"""
            .formatted(click, run))));

        assertMoney(entry.path("revenue"), "3.50", "USD");
        assertMoney(platform.forwardedPayout(entry), "2.80", "USD");
        assertThat(platform.points(offerwall(), user)).isEqualTo("2.8");
    }

    @Test
    void seed004Scenarios4And9EachConversionOfOneUserIsProcessedAndForwardedOnItsOwn() {
        String user = "busy-user-" + run;
        List<String> payouts = List.of("5.00", "8.00", "12.00");
        List<String> forwarded = new ArrayList<>();
        for (int i = 0; i < payouts.size(); i++) {
            String click = platform.click(moustache(), offerwall(), "sub1=" + user);
            JsonNode entry = own(answer(platform.get(partner("click_id=" + click + "&status=approved&payout="
                    + payouts.get(i) + "&offer_id=OFFER-" + (char) ('A' + i)))));
            forwarded.add(platform.forwardedPayout(entry).path("amount").asString());
        }

        assertThat(forwarded).containsExactly("4.00", "6.40", "9.60");
        assertThat(platform.points(offerwall(), user)).isEqualTo("20");
    }

    @Test
    void seed004Scenario5ARejectedConversionEarnsNothingAndIsForwardedWithItsStatus() {
        String click = platform.click(moustache(), offerwall(), "sub1=fraud-" + run);

        JsonNode entry = own(answer(platform.get(partner("click_id=" + click + "&status=rejected&payout=0"
                + "&offer_id=OFFER-456&transaction_id=TXN-REJECT-789-" + run + "&reason=fraud_detected"))));

        assertThat(entry.path("rule").asString()).isEqualTo("REJECTED");
        assertMoney(entry.path("revenue"), "0.00", "USD");
        assertThat(entry.path("inputs").path("reason").asString()).isEqualTo("fraud_detected");
        assertThat(platform.forwarded(entry).uri()).contains("status=rejected", "payout=0.00");
        assertThat(platform.points(offerwall(), "fraud-" + run)).isEqualTo("0");
    }

    @Test
    void seed004Scenario6WithoutClickIdTheMostRecentClickIsUsedProcessedNormallyWithAWarning() {
        String click = platform.click(moustache(), offerwall(), "sub1=fallback-" + run);

        JsonNode entry = own(answer(platform.get(partner("offer_id=SURVEY-789&status=approved&payout=7.00"
                + "&transaction_id=TXN-NOCLICKID-" + run))));

        assertThat(entry.path("click_id").asString()).isEqualTo(click);
        assertThat(entry.path("attribution").path("method").asString()).isEqualTo("FALLBACK");
        assertThat(entry.path("attribution").path("guessed").asBoolean()).isTrue();
        assertThat(entry.path("attribution").path("warning").asString()).contains("no click_id", click);
        assertMoney(entry.path("publisher_payout"), "5.60", "USD");
        assertThat(platform.forwarded(entry).uri()).contains("click_id=" + click, "payout=5.60");
    }

    @Test
    void seed004Scenario7An80PercentShareAndAFixed$50PayoutRegardlessOfThe$100PaidUpstream() {
        JsonNode fixedOffer = platform.create(PlatformService.CLICK, "/admin/offers", Map.of(
                "name", "Offer Fixed " + run,
                "casino_url", "https://fixed.example/offer?click_id={click_id}",
                "partner_key", "fixed-" + run,
                "deal", Map.of("currency", "USD")));
        Map<String, Object> fixed = new LinkedHashMap<>();
        fixed.put("fixed_amount", "50");
        fixed.put("currency", "USD");
        JsonNode publisher = platform.create(PlatformService.FORWARDER, "/admin/publishers", Map.of(
                "name", "Scenario 7 " + run,
                "username", "scenario7-" + run,
                "postback_url", platform.publisher().postbackUrl()
                        + "?click_id={click_id}&payout={payout}&currency={currency}",
                "method", "GET",
                "payout_terms", Map.of("revshare_percent", "80"),
                "offer_terms", Map.of(fixedOffer.path("id").asString(), fixed)));
        String revClick = platform.click(moustache(), publisher, "");
        String fixedClick = platform.click(fixedOffer, publisher, "");

        JsonNode revShare = own(answer(platform.get(partner("click_id=" + revClick
                + "&status=approved&payout=100.00&offer_id=OFFER-REV"))));
        JsonNode fixedPayout = own(answer(platform.get(edge + "/postback/fixed-" + run + "?click_id=" + fixedClick
                + "&status=approved&payout=100.00&offer_id=OFFER-FIXED")));

        assertMoney(platform.forwardedPayout(revShare), "80.00", "USD");
        assertMoney(fixedPayout.path("revenue"), "100.00", "USD");
        assertMoney(platform.forwardedPayout(fixedPayout), "50.00", "USD");
    }

    @Test
    void seed004Scenario8AEuroConversionIsPaidAndForwardedInEuros() {
        String user = "euro-user-" + run;
        String click = platform.click(moustache(), offerwall(), "sub1=" + user);

        JsonNode entry = own(answer(platform.get(partner("click_id=" + click
                + "&status=approved&payout=42.50&currency=EUR&offer_id=OFFER-EU&transaction_id=TXN-EUR-123-" + run))));

        assertMoney(entry.path("revenue"), "42.50", "EUR");
        assertThat(platform.forwarded(entry).uri()).contains("payout=34.00", "currency=EUR");
        assertThat(platform.points(offerwall(), user)).as("1:1 with the publisher's payout, in euros").isEqualTo("34");
    }

    @Test
    void seed004Scenario10ATestPostbackIsAnsweredAndMovesNoMoneyAndTheTestEndpointDescribesTheIntegration() {
        HttpResponse<String> test = platform.get(partner("click_id=TEST-INTEGRATION-001&status=test&payout=1.00"
                + "&offer_id=TEST-OFFER"));
        HttpResponse<String> description = platform.get(edge + "/api/analytics/postback/test");

        JsonNode answer = answer(test);
        assertThat(answer.path("status").asString()).isEqualTo("success");
        assertThat(answer.path("message").asString()).isEqualTo("Postback received and distributed");
        assertThat(answer.path("log_id").asString()).isNotBlank();
        assertThat(description.body()).isEqualTo("{\"status\":\"online\",\"endpoint\":\"/api/analytics/postback\","
                + "\"methods\":[\"GET\",\"POST\"],\"required_params\":[\"click_id\"],\"optional_params\":[\"status\","
                + "\"payout\",\"transaction_id\",\"+ any custom fields\"]}");
    }

    @Test
    void seed004CommonMistakesAreAnsweredAsTheSeedSays() {
        HttpResponse<String> missingClickId = platform.get(partner("status=approved&payout=5.00"));
        HttpResponse<String> wrongKey = platform.get(edge + "/postback/wrong-key?click_id=CLK-123");

        assertThat(missingClickId.statusCode()).isEqualTo(400);
        assertThat(JSON.readTree(missingClickId.body()).path("detail").asString()).isEqualTo("click_id required");
        assertThat(wrongKey.statusCode()).isEqualTo(404);
        assertThat(JSON.readTree(wrongKey.body()).path("detail").asString()).isEqualTo("Invalid postback key");
    }

    private static String house(String houseEventAndQuery) {
        return edge + "/api/postback/" + houseEventAndQuery;
    }

    private static String partner(String query) {
        return edge + "/postback/" + DemoData.PARTNER_KEY + (query.isEmpty() ? "" : "?" + query);
    }

    private static JsonNode moustache() {
        return platform.offer("MoustacheLeads Surveys");
    }

    private static JsonNode offerwall() {
        return platform.publisherNamed("offerwall");
    }

    /** A 200 answer's body. */
    private static JsonNode answer(HttpResponse<String> response) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return JSON.readTree(response.body());
    }

    /** The conversion's own ledger entry, for the postback this answer names by its log id. */
    private static JsonNode own(JsonNode answer) {
        long logId = answer.has("logId") ? answer.path("logId").asLong() : Long.parseLong(answer.path("log_id")
            .asString());
        return platform.ledgerOf(logId).get(0);
    }

    private static void assertHouseAnswer(JsonNode answer, String house, String event, String commission) {
        assertThat(answer.path("status").asString()).isEqualTo("success");
        assertThat(answer.path("message").asString()).isEqualTo("Postback processado com sucesso - " + house);
        assertThat(answer.path("event").asString()).isEqualTo(event);
        assertThat(answer.path("commission").isNumber()).as("a number, as the seed shows it").isTrue();
        assertThat(answer.path("commission").decimalValue().toPlainString()).isEqualTo(commission);
        assertThat(answer.path("house").asString()).isEqualTo(house);
        assertThat(answer.path("logId").asLong()).isPositive();
    }

    private static void assertMoney(JsonNode money, String amount, String currency) {
        assertThat(money.path("amount").asString()).isEqualTo(amount);
        assertThat(money.path("currency").asString()).isEqualTo(currency);
    }
}
