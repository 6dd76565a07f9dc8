package io.croupier.localstack;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
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
 * A deal that holds CPA until the gateway confirms, across the services over HTTP: the first deposit qualifies but
 * its CPA payout is held and not forwarded; the casino's gateway file, imported at analytics-service, confirms the
 * deposit's transaction; commission-service then pays the held payout and the publisher receives it, once. An
 * operator who rejects an unconfirmed one voids the qualification: no payout, and no CPA revenue in the reports.
 */
@ExtendWith(TestPlatform.Shared.class)
class CpaHeldUntilGatewayConfirmsEndToEndTest {

    private static TestPlatform platform;

    private final HttpClient http = HttpClient.newHttpClient();

    private final String run = UUID.randomUUID().toString().substring(0, 8);

    @BeforeAll
    static void platform(TestPlatform shared) {
        platform = shared;
    }

    @Test
    void theCpaOfAFirstDepositIsPaidOnlyOnceTheGatewaysConfirmationIsImported() throws Exception {
        HeldDeposit deposit = heldFirstDeposit();
        JsonNode held = deposit.held();
        String click = deposit.click();

        String gatewayFile = "transaction_id,user_id,amount,currency,processed_at,status\n"
                + deposit.transaction() + "," + deposit.player() + ",50.00,USD,2026-01-01T10:02:00Z,confirmed\n";
        assertThat(importConfirmations(gatewayFile).path("inserted").asLong()).isEqualTo(1);
        assertThat(importConfirmations(gatewayFile).path("unchanged").asLong()).isEqualTo(1);

        JsonNode release = await().atMost(PATIENCE).until(() -> platform.admin.list(
                platform.url(PlatformService.COMMISSION) + "/ledger/entries?input_event_id=gateway-confirmed:"
                        + held.path("entry_id").asString()), entries -> entries.size() == 1).get(0);
        assertThat(release.path("rule").asString()).isEqualTo("GATEWAY_CONFIRMED");
        assertThat(release.path("resolves").asString()).isEqualTo(held.path("entry_id").asString());
        assertThat(release.path("publisher_payout").path("amount").asString()).isEqualTo("75.00");
        assertThat(platform.forwarded(release).uri()).contains("payout=75.00", "click_id=" + click);
        await().during(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(15))
            .until(() -> postbacksReceivedFor(click) == 1);
    }

    @Test
    void rejectingAnUnconfirmedCpaReversesItsRevenueSoTheReportsShowNoneAndALateConfirmationPaysNothing()
            throws Exception {
        HeldDeposit deposit = heldFirstDeposit();
        String heldEntry = deposit.held().path("entry_id").asString();
        String offerId = deposit.held().path("offer_id").asString();
        assertThat(offerRevenueToday(offerId)).as("the CPA revenue is booked when the deposit qualifies")
            .isEqualTo("150.00");

        HttpResponse<String> rejected = platform.act(platform.edgeUrl() + "/ledger/entries/" + heldEntry + "/reject");

        assertThat(rejected.statusCode()).as(rejected.body()).isEqualTo(200);
        JsonNode rejection = JSON.readTree(rejected.body());
        assertThat(rejection.path("rule").asString()).isEqualTo("GATEWAY_HOLD_REJECTED");
        assertThat(rejection.path("reverses").asString()).isEqualTo(heldEntry);
        assertThat(rejection.path("resolves").asString()).isEqualTo(heldEntry);
        assertThat(rejection.path("revenue").path("amount").asString()).isEqualTo("-150.00");
        assertThat(rejection.path("publisher_payout").path("amount").asString()).isEqualTo("0.00");
        assertThat(offerRevenueToday(offerId)).as("a rejected qualification earns nothing").isEqualTo("0.00");

        String gatewayFile = "transaction_id,user_id,amount,currency,processed_at,status\n"
                + deposit.transaction() + "," + deposit.player() + ",50.00,USD,2026-01-01T10:02:00Z,confirmed\n";
        assertThat(importConfirmations(gatewayFile).path("inserted").asLong()).isEqualTo(1);
        await().during(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(15)).until(() -> platform.admin.list(
                platform.url(PlatformService.COMMISSION) + "/ledger/entries?input_event_id=gateway-confirmed:"
                        + heldEntry).isEmpty() && postbacksReceivedFor(deposit.click()) == 0);
    }

    /** A first deposit that qualified for its CPA under a deal that holds the payout until the gateway confirms. */
    private HeldDeposit heldFirstDeposit() {
        String house = "qualified_casino_" + run;
        JsonNode offer = platform.create(PlatformService.CLICK, "/admin/offers", Map.of(
                "name", "Qualified Deposit Casino " + run,
                "casino_url", "https://qualified-casino.example/land?click_id={click_id}",
                "house_slug", house,
                "deal", Map.of("cpa_amount", 150, "min_deposit", 20, "currency", "USD",
                        "cpa_requires_confirmation", true)));
        assertThat(offer.path("deal").path("cpa_requires_confirmation").asBoolean()).isTrue();
        JsonNode publisher = platform.create(PlatformService.FORWARDER, "/admin/publishers", Map.of(
                "name", "Qualified Publisher " + run,
                "username", "qualified-" + run,
                "postback_url", platform.publisher().postbackUrl() + "?click_id={click_id}&payout={payout}",
                "method", "GET",
                "payout_terms", Map.of("revshare_percent", 50),
                "offer_terms", Map.of(),
                "rate_limit_per_second", 50,
                "offerwall", false,
                "active", true));
        String click = platform.click(offer, publisher, "campaign=qualified-" + run);
        String player = "player-" + run;
        String transaction = "tx-" + run;

        webhook("registration", """
                {"user_id":"%s","platform":"%s","click_id":"%s"}""".formatted(player, house, click));
        long depositLog = webhook("deposit", """
                {"user_id":"%s","amount":50.00,"currency":"USD","transaction_id":"%s","platform":"%s",
                 "is_first_deposit":true}""".formatted(player, transaction, house)).path("log_id").asLong();
        JsonNode held = platform.ledgerOf(depositLog).get(0);

        assertThat(held.path("rule").asString()).isEqualTo("CPA_QUALIFIED");
        assertThat(held.path("revenue").path("amount").asString()).isEqualTo("150.00");
        assertThat(held.path("publisher_payout").path("amount").asString()).isEqualTo("0.00");
        assertThat(held.path("held_payout").path("amount").asString()).isEqualTo("75.00");
        assertThat(held.path("inputs").path("held_until").asString()).isEqualTo("gateway_confirmation");
        assertThat(platform.wasForwarded(held)).as("nothing is paid before the gateway confirms").isFalse();
        return new HeldDeposit(held, click, player, transaction);
    }

    private record HeldDeposit(JsonNode held, String click, String player, String transaction) {
    }

    private static long postbacksReceivedFor(String click) {
        return platform.publisher().received().stream()
            .filter(postback -> postback.uri().contains("click_id=" + click))
            .count();
    }

    /** The offer's revenue today in commission-service's report, as an operator reads it. */
    private static String offerRevenueToday(String offerId) {
        String today = LocalDate.now(ZoneOffset.UTC).toString();
        HttpResponse<String> report = platform.read(platform.edgeUrl() + "/reports/offers?from=" + today + "&to="
                + today);
        assertThat(report.statusCode()).as(report.body()).isEqualTo(200);
        for (JsonNode row : JSON.readTree(report.body())) {
            if (offerId.equals(row.path("id").asString())) {
                return row.path("revenue").path("amount").asString();
            }
        }
        throw new AssertionError("no row for offer " + offerId + " in " + report.body());
    }

    private JsonNode webhook(String event, String body) {
        HttpResponse<String> answer = platform.postJson(platform.edgeUrl() + "/webhooks/gaming/" + event, body);
        assertThat(answer.statusCode()).as("%s: %s", event, answer.body()).isEqualTo(200);
        return JSON.readTree(answer.body());
    }

    /** The casino's gateway file, imported through the front door as an operator does. */
    private JsonNode importConfirmations(String csv) throws Exception {
        HttpResponse<String> answer = http.send(HttpRequest.newBuilder(
                URI.create(platform.edgeUrl() + "/imports/confirmed_purchases"))
            .header("Authorization", "Bearer " + platform.admin.token())
            .header("Content-Type", "text/csv")
            .POST(HttpRequest.BodyPublishers.ofString(csv))
            .build(), HttpResponse.BodyHandlers.ofString());
        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
        return JSON.readTree(answer.body());
    }
}
