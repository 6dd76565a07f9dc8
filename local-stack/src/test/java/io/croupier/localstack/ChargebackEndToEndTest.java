package io.croupier.localstack;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import tools.jackson.databind.JsonNode;

import static io.croupier.localstack.TestPlatform.JSON;
import static io.croupier.localstack.TestPlatform.PATIENCE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A chargeback across the services, over HTTP as the casino and the visitor make their calls: the CPA a first deposit
 * earned is clawed back by a reversal entry pointing at the deposit's entry, and the publisher receives the reversal
 * (negative payout, {@code {reverses}}) once, however often the casino reports the chargeback; analytics-service
 * counts the same chargeback against the same campaign.
 */
@ExtendWith(TestPlatform.Shared.class)
class ChargebackEndToEndTest {

    private static TestPlatform platform;

    private final String run = UUID.randomUUID().toString().substring(0, 8);

    @BeforeAll
    static void platform(TestPlatform shared) {
        platform = shared;
    }

    @Test
    void aChargebackClawsBackTheCpaAndThePublisherReceivesTheReversalOnceEvenWhenTheCasinoSendsItTwice() {
        String house = "chargeback_casino_" + run;
        JsonNode offer = platform.create(PlatformService.CLICK, "/admin/offers", Map.of(
                "name", "Chargeback Casino " + run,
                "casino_url", "https://chargeback-casino.example/land?click_id={click_id}",
                "house_slug", house,
                "deal", Map.of("cpa_amount", 150, "min_deposit", 20, "currency", "USD")));
        assertThat(offer.path("deal").path("clawback_window_days").asInt())
            .as("a deal names its clawback window, 90 days unless told").isEqualTo(90);
        JsonNode publisher = platform.create(PlatformService.FORWARDER, "/admin/publishers", Map.of(
                "name", "Chargeback Publisher " + run,
                "username", "chargeback-" + run,
                "postback_url", platform.publisher().postbackUrl()
                        + "?click_id={click_id}&payout={payout}&currency={currency}&event={event}&reverses={reverses}",
                "method", "GET",
                "payout_terms", Map.of("revshare_percent", 50),
                "offer_terms", Map.of(),
                "rate_limit_per_second", 50,
                "offerwall", false,
                "active", true));
        String campaign = "chargeback-" + run;
        String click = platform.click(offer, publisher, "campaign=" + campaign);
        String player = "player-" + run;
        String transaction = "tx-" + run;

        webhook("registration", """
                {"user_id":"%s","platform":"%s","click_id":"%s"}""".formatted(player, house, click));
        long depositLog = webhook("deposit", """
                {"user_id":"%s","amount":50.00,"currency":"USD","transaction_id":"%s","platform":"%s",
                 "is_first_deposit":true}""".formatted(player, transaction, house)).path("log_id").asLong();
        JsonNode deposit = platform.ledgerOf(depositLog).get(0);
        assertThat(deposit.path("rule").asString()).isEqualTo("CPA_QUALIFIED");
        assertThat(deposit.path("publisher_payout").path("amount").asString()).isEqualTo("75.00");
        assertThat(platform.forwarded(deposit).uri()).contains("payout=75.00", "click_id=" + click);

        String chargeback = """
                {"user_id":"%s","transaction_id":"%s","amount":50.00,"currency":"USD","platform":"%s",
                 "reason":"disputed_card"}""".formatted(player, transaction, house);
        JsonNode first = webhook("chargeback", chargeback);
        JsonNode repeat = webhook("chargeback", chargeback);

        assertThat(repeat.path("duplicate").asBoolean()).as("the casino's repeat is a duplicate").isTrue();
        assertThat(first.path("duplicate").asBoolean()).isFalse();
        List<JsonNode> entries = await().atMost(PATIENCE)
            .until(() -> platform.ledgerOf(first.path("log_id").asLong()), found -> found.size() == 2);
        JsonNode own = entries.stream().filter(entry -> entry.path("reverses").isNull()).findFirst().orElseThrow();
        JsonNode clawback = entries.stream().filter(entry -> !entry.path("reverses").isNull()).findFirst()
            .orElseThrow();
        assertThat(own.path("rule").asString()).isEqualTo("CHARGEBACK");
        assertThat(clawback.path("rule").asString()).isEqualTo("CLAWBACK");
        assertThat(clawback.path("reverses").asString()).isEqualTo(deposit.path("entry_id").asString());
        assertThat(clawback.path("revenue").path("amount").asString()).isEqualTo("-150.00");
        assertThat(clawback.path("publisher_payout").path("amount").asString()).isEqualTo("-75.00");
        assertThat(platform.forwarded(clawback).uri()).contains("payout=-75.00", "currency=USD",
                "event=chargeback", "reverses=" + deposit.path("entry_id").asString(), "click_id=" + click);

        await().during(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(15))
            .until(() -> reversalsReceived(deposit.path("entry_id").asString()) == 1);
        assertThat(platform.wasForwarded(own)).as("the chargeback's own entry moves no money").isFalse();
        assertThat(ledgerOfPlayer(offer, player)).as("registration, deposit, chargeback and its clawback")
            .hasSize(4);

        JsonNode roas = analyticsRoasOfToday(campaign);
        assertThat(roas.path("purchases").asLong()).isEqualTo(1);
        assertThat(roas.path("grossRevenue").asString()).isEqualTo("50.00");
        assertThat(roas.path("chargebacks").asLong()).isEqualTo(1);
        assertThat(roas.path("chargebackAmount").asString()).as("the amount the ledger's chargeback carries")
            .isEqualTo(own.path("inputs").path("amount").asString().split(" ")[0]);
        assertThat(roas.path("netRevenue").asString()).isEqualTo("0.00");
    }

    private JsonNode webhook(String event, String body) {
        HttpResponse<String> answer = platform.postJson(platform.edgeUrl() + "/webhooks/gaming/" + event, body);
        assertThat(answer.statusCode()).as("%s: %s", event, answer.body()).isEqualTo(200);
        return JSON.readTree(answer.body());
    }

    /** Publisher postbacks that take back the deposit's entry. */
    private long reversalsReceived(String depositEntry) {
        return platform.publisher().received().stream()
            .filter(postback -> postback.uri().contains("reverses=" + depositEntry))
            .count();
    }

    private List<JsonNode> ledgerOfPlayer(JsonNode offer, String player) {
        return platform.admin.list(platform.url(PlatformService.COMMISSION) + "/ledger/entries?offer_id="
                + offer.path("id").asString() + "&player_id=" + player);
    }

    /** Today's ROAS row of the campaign at analytics-service, once the pipeline has run over today. */
    private JsonNode analyticsRoasOfToday(String campaign) {
        String day = LocalDate.now(ZoneOffset.UTC).toString();
        String analytics = platform.url(PlatformService.ANALYTICS);
        return await().atMost(PATIENCE).until(() -> {
            HttpResponse<String> ran = platform.act(analytics + "/run-pipeline?day=" + day);
            assertThat(ran.statusCode()).as(ran.body()).isEqualTo(200);
            JsonNode report = JSON.readTree(platform.read(analytics + "/reports/roas_d1?day=" + day).body());
            for (JsonNode row : report.path("campaigns")) {
                if (campaign.equals(row.path("campaign").asString()) && row.path("chargebacks").asLong() == 1) {
                    return row;
                }
            }
            return null;
        }, row -> row != null);
    }
}
