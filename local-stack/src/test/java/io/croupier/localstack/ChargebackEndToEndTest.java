package io.croupier.localstack;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;

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

    @BeforeAll
    static void platform(TestPlatform shared) {
        platform = shared;
    }

    @Test
    void aChargebackClawsBackTheCpaAndThePublisherReceivesTheReversalOnceEvenWhenTheCasinoSendsItTwice() {
        CasinoScenario casino = CasinoScenario.open(platform, "chargeback", Map.of(),
                "click_id={click_id}&payout={payout}&currency={currency}&event={event}&reverses={reverses}");
        JsonNode offer = casino.offer();
        assertThat(offer.path("deal").path("clawback_window_days").asInt())
            .as("a deal names its clawback window, 90 days unless told").isEqualTo(90);
        String run = casino.run();
        String campaign = "chargeback-" + run;
        String click = casino.click("campaign=" + campaign);
        String player = "player-" + run;
        String transaction = "tx-" + run;

        JsonNode deposit = casino.firstDeposit(click, player, transaction);
        assertThat(deposit.path("rule").asString()).isEqualTo("CPA_QUALIFIED");
        assertThat(deposit.path("publisher_payout").path("amount").asString()).isEqualTo("75.00");
        assertThat(platform.forwarded(deposit).uri()).contains("payout=75.00", "click_id=" + click);

        String chargeback = """
                {"user_id":"%s","transaction_id":"%s","amount":50.00,"currency":"USD","platform":"%s",
                 "reason":"disputed_card"}""".formatted(player, transaction, casino.house());
        JsonNode first = casino.webhook("chargeback", chargeback);
        JsonNode repeat = casino.webhook("chargeback", chargeback);

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
