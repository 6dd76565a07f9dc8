package io.croupier.localstack;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;

import io.croupier.secrets.webhook.WebhookSecret;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import tools.jackson.databind.JsonNode;

import static io.croupier.localstack.TestPlatform.JSON;
import static io.croupier.localstack.TestPlatform.PATIENCE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Seed 002's {@code GET /track} across the services, over HTTP as the visitor, the app and the casino make their
 * calls: the app opened through a click links its user to the click, and the casino's deposits of that user, signed
 * webhooks that carry no click id, are attributed to the click, commissioned and forwarded to the click's publisher.
 */
@ExtendWith(TestPlatform.Shared.class)
class DeeplinkTrackingEndToEndTest {

    private static TestPlatform platform;

    @BeforeAll
    static void platform(TestPlatform shared) {
        platform = shared;
    }

    @Test
    void anAppOpenLinksThePlayerToTheClickSoTheCasinosLaterDepositWithoutClickIdPaysTheClicksPublisher() {
        CasinoScenario casino = deeplinkCasino();
        String run = casino.run();
        WebhookSecret secret = casino.requireSignedWebhooks();
        String click = casino.click("campaign=deeplink-" + run);
        String player = "app-player-" + run;

        HttpResponse<String> tracked = track("click_id=" + click + "&player_id=" + player);
        HttpResponse<String> repeated = track("click_id=" + click + "&player_id=" + player);
        assertThat(tracked.statusCode()).as(tracked.body()).isEqualTo(200);
        assertThat(JSON.readTree(tracked.body()).path("linked_now").asBoolean()).isTrue();
        assertThat(JSON.readTree(repeated.body()).path("linked_now").asBoolean()).as("idempotent").isFalse();

        String deposit = """
                {"user_id":"%s","amount":50.00,"currency":"USD","transaction_id":"tx-%s","platform":"%s",
                 "is_first_deposit":true}""".formatted(player, run, casino.house());
        assertThat(platform.postJson(platform.edgeUrl() + "/webhooks/gaming/deposit", deposit).statusCode())
            .as("the offer takes signed webhooks only").isEqualTo(401);
        casino.signedWebhook(secret, "registration", """
                {"user_id":"%s","platform":"%s"}""".formatted(player, casino.house()));
        long depositLog = casino.signedWebhook(secret, "deposit", deposit).path("log_id").asLong();

        JsonNode entry = platform.ledgerOf(depositLog).get(0);
        assertThat(entry.path("click_id").asString()).as("the click the app open linked").isEqualTo(click);
        assertThat(entry.path("publisher_id").asString()).isEqualTo(casino.publisher().path("id").asString());
        assertThat(entry.path("campaign").asString()).isEqualTo("deeplink-" + run);
        assertThat(entry.path("attribution").path("method").asString()).isEqualTo("PLAYER");
        assertThat(entry.path("rule").asString()).isEqualTo("CPA_QUALIFIED");
        assertThat(entry.path("revenue").path("amount").asString()).isEqualTo("150.00");
        assertThat(entry.path("publisher_payout").path("amount").asString()).isEqualTo("75.00");
        assertThat(platform.forwarded(entry).uri()).contains("click_id=" + click, "payout=75.00");
        await().during(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(15))
            .until(() -> casino.postbacksReceivedFor(click) == 1);
    }

    @Test
    void aDepositWaitingForItsPlayersLinkIsAttributedToTheClickWhenTheAppOpens() {
        CasinoScenario casino = deeplinkCasino();
        String run = casino.run();
        WebhookSecret secret = casino.requireSignedWebhooks();
        String click = casino.click("campaign=deeplink-waiting-" + run);
        String device = "device-" + run;
        long depositLog = casino.signedWebhook(secret, "deposit", """
                {"user_id":"%s","amount":30.00,"currency":"USD","transaction_id":"tx-%s","platform":"%s"}"""
            .formatted(device, run, casino.house())).path("log_id").asLong();
        String ledger = platform.url(PlatformService.COMMISSION) + "/ledger/entries?input_event_id=attributed:postback:"
                + depositLog;
        await().during(Duration.ofSeconds(2)).atMost(PATIENCE).until(() -> platform.admin.list(ledger).isEmpty());

        assertThat(track("click_id=" + click + "&device_id=" + device).statusCode()).isEqualTo(200);

        JsonNode entry = platform.ledgerOf(depositLog).get(0);
        assertThat(entry.path("click_id").asString()).isEqualTo(click);
        assertThat(entry.path("publisher_id").asString()).isEqualTo(casino.publisher().path("id").asString());
        assertThat(entry.path("player_id").asString()).isEqualTo(device);
    }

    private static CasinoScenario deeplinkCasino() {
        return CasinoScenario.open(platform, "deeplink", Map.of(), "click_id={click_id}&payout={payout}");
    }

    /** The app's call, public like the click: no token. */
    private static HttpResponse<String> track(String query) {
        return platform.get(platform.edgeUrl() + "/track?" + query);
    }
}
