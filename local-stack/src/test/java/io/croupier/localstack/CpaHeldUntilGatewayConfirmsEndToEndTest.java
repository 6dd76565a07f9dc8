package io.croupier.localstack;

import java.net.URI;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Map;

import io.croupier.embedded.ServiceHttp;
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

    @BeforeAll
    static void platform(TestPlatform shared) {
        platform = shared;
    }

    @Test
    void theCpaOfAFirstDepositIsPaidOnlyOnceTheGatewaysConfirmationIsImported() {
        HeldDeposit deposit = heldFirstDeposit();
        JsonNode held = deposit.held();
        String click = deposit.click();
        CasinoScenario casino = deposit.casino();

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
            .until(() -> casino.postbacksReceivedFor(click) == 1);
    }

    @Test
    void rejectingAnUnconfirmedCpaReversesItsRevenueSoTheReportsShowNoneAndALateConfirmationPaysNothing() {
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
                        + heldEntry).isEmpty() && deposit.casino().postbacksReceivedFor(deposit.click()) == 0);
    }

    /** A first deposit that qualified for its CPA under a deal that holds the payout until the gateway confirms. */
    private HeldDeposit heldFirstDeposit() {
        CasinoScenario casino = CasinoScenario.open(platform, "qualified", Map.of("cpa_requires_confirmation", true),
                "click_id={click_id}&payout={payout}");
        assertThat(casino.offer().path("deal").path("cpa_requires_confirmation").asBoolean()).isTrue();
        String run = casino.run();
        String click = casino.click("campaign=qualified-" + run);
        String player = "player-" + run;
        String transaction = "tx-" + run;

        JsonNode held = casino.firstDeposit(click, player, transaction);

        assertThat(held.path("rule").asString()).isEqualTo("CPA_QUALIFIED");
        assertThat(held.path("revenue").path("amount").asString()).isEqualTo("150.00");
        assertThat(held.path("publisher_payout").path("amount").asString()).isEqualTo("0.00");
        assertThat(held.path("held_payout").path("amount").asString()).isEqualTo("75.00");
        assertThat(held.path("inputs").path("held_until").asString()).isEqualTo("gateway_confirmation");
        assertThat(platform.wasForwarded(held)).as("nothing is paid before the gateway confirms").isFalse();
        return new HeldDeposit(casino, held, click, player, transaction);
    }

    private record HeldDeposit(CasinoScenario casino, JsonNode held, String click, String player,
            String transaction) {
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

    /** The casino's gateway file, imported through the front door as an operator does. */
    private static JsonNode importConfirmations(String csv) {
        ServiceHttp.Answer answer = new ServiceHttp(URI.create(platform.edgeUrl()).getPort(), platform.admin.token())
            .post("/imports/confirmed_purchases", "text/csv", csv);
        assertThat(answer.status()).as(answer.body()).isEqualTo(200);
        return answer.json();
    }
}
