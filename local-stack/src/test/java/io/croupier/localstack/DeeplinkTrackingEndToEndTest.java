package io.croupier.localstack;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;

import io.croupier.secrets.webhook.WebhookSecret;
import io.croupier.secrets.webhook.WebhookSignatures;
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

    private final HttpClient http = HttpClient.newHttpClient();

    private final String run = UUID.randomUUID().toString().substring(0, 8);

    @BeforeAll
    static void platform(TestPlatform shared) {
        platform = shared;
    }

    @Test
    void anAppOpenLinksThePlayerToTheClickSoTheCasinosLaterDepositWithoutClickIdPaysTheClicksPublisher() {
        String house = "deeplink_casino_" + run;
        JsonNode offer = offer(house);
        JsonNode publisher = publisher();
        WebhookSecret secret = requireSignedWebhooks(offer);
        String click = platform.click(offer, publisher, "campaign=deeplink-" + run);
        String player = "app-player-" + run;

        HttpResponse<String> tracked = track("click_id=" + click + "&player_id=" + player);
        HttpResponse<String> repeated = track("click_id=" + click + "&player_id=" + player);
        assertThat(tracked.statusCode()).as(tracked.body()).isEqualTo(200);
        assertThat(JSON.readTree(tracked.body()).path("linked_now").asBoolean()).isTrue();
        assertThat(JSON.readTree(repeated.body()).path("linked_now").asBoolean()).as("idempotent").isFalse();

        String deposit = """
                {"user_id":"%s","amount":50.00,"currency":"USD","transaction_id":"tx-%s","platform":"%s",
                 "is_first_deposit":true}""".formatted(player, run, house);
        assertThat(platform.postJson(platform.edgeUrl() + "/webhooks/gaming/deposit", deposit).statusCode())
            .as("the offer takes signed webhooks only").isEqualTo(401);
        signedWebhook(secret, "registration", """
                {"user_id":"%s","platform":"%s"}""".formatted(player, house));
        long depositLog = signedWebhook(secret, "deposit", deposit).path("log_id").asLong();

        JsonNode entry = platform.ledgerOf(depositLog).get(0);
        assertThat(entry.path("click_id").asString()).as("the click the app open linked").isEqualTo(click);
        assertThat(entry.path("publisher_id").asString()).isEqualTo(publisher.path("id").asString());
        assertThat(entry.path("campaign").asString()).isEqualTo("deeplink-" + run);
        assertThat(entry.path("attribution").path("method").asString()).isEqualTo("PLAYER");
        assertThat(entry.path("rule").asString()).isEqualTo("CPA_QUALIFIED");
        assertThat(entry.path("revenue").path("amount").asString()).isEqualTo("150.00");
        assertThat(entry.path("publisher_payout").path("amount").asString()).isEqualTo("75.00");
        assertThat(platform.forwarded(entry).uri()).contains("click_id=" + click, "payout=75.00");
        await().during(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(15))
            .until(() -> postbacksReceivedFor(click) == 1);
    }

    @Test
    void aDepositWaitingForItsPlayersLinkIsAttributedToTheClickWhenTheAppOpens() {
        String house = "deeplink_waiting_" + run;
        JsonNode offer = offer(house);
        JsonNode publisher = publisher();
        WebhookSecret secret = requireSignedWebhooks(offer);
        String click = platform.click(offer, publisher, "campaign=deeplink-waiting-" + run);
        String device = "device-" + run;
        long depositLog = signedWebhook(secret, "deposit", """
                {"user_id":"%s","amount":30.00,"currency":"USD","transaction_id":"tx-%s","platform":"%s"}"""
            .formatted(device, run, house)).path("log_id").asLong();
        String ledger = platform.url(PlatformService.COMMISSION) + "/ledger/entries?input_event_id=attributed:postback:"
                + depositLog;
        await().during(Duration.ofSeconds(2)).atMost(PATIENCE).until(() -> platform.admin.list(ledger).isEmpty());

        assertThat(track("click_id=" + click + "&device_id=" + device).statusCode()).isEqualTo(200);

        JsonNode entry = platform.ledgerOf(depositLog).get(0);
        assertThat(entry.path("click_id").asString()).isEqualTo(click);
        assertThat(entry.path("publisher_id").asString()).isEqualTo(publisher.path("id").asString());
        assertThat(entry.path("player_id").asString()).isEqualTo(device);
    }

    private JsonNode offer(String house) {
        return platform.create(PlatformService.CLICK, "/admin/offers", Map.of(
                "name", "Deeplink Casino " + run + " " + house,
                "casino_url", "https://deeplink-casino.example/land?click_id={click_id}",
                "house_slug", house,
                "deal", Map.of("cpa_amount", 150, "min_deposit", 20, "currency", "USD")));
    }

    private JsonNode publisher() {
        String name = "deeplink-" + UUID.randomUUID().toString().substring(0, 8);
        return platform.create(PlatformService.FORWARDER, "/admin/publishers", Map.of(
                "name", "Deeplink Publisher " + name,
                "username", name,
                "postback_url", platform.publisher().postbackUrl() + "?click_id={click_id}&payout={payout}",
                "method", "GET",
                "payout_terms", Map.of("revshare_percent", 50),
                "offer_terms", Map.of(),
                "rate_limit_per_second", 50,
                "offerwall", false,
                "active", true));
    }

    /** What an operator does before going live with a casino: a signing secret, handed over, then required. */
    private static WebhookSecret requireSignedWebhooks(JsonNode offer) {
        String policy = platform.url(PlatformService.POSTBACK) + "/admin/inbound-auth/" + offer.path("id").asString();
        await().atMost(PATIENCE).until(() -> platform.read(policy).statusCode() == 200);
        WebhookSecret secret = WebhookSecret.parse(platform.admin.post(policy + "/signing-secret")
            .path("signing_secret").asString());
        platform.admin.put(policy, Map.of("signature_required", true));
        return secret;
    }

    /** The casino's seed 000 webhook through the front door, signed as docs/integrating.md tells casinos to. */
    private JsonNode signedWebhook(WebhookSecret secret, String event, String body) {
        String id = "msg-" + UUID.randomUUID();
        long timestamp = Instant.now().getEpochSecond();
        try {
            HttpResponse<String> answer = http.send(HttpRequest.newBuilder(
                    URI.create(platform.edgeUrl() + "/webhooks/gaming/" + event))
                .header("Content-Type", "application/json")
                .header("webhook-id", id)
                .header("webhook-timestamp", Long.toString(timestamp))
                .header("webhook-signature", WebhookSignatures.sign(secret.key(), id, timestamp,
                        body.getBytes(StandardCharsets.UTF_8)))
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .build(), HttpResponse.BodyHandlers.ofString());
            assertThat(answer.statusCode()).as("%s: %s", event, answer.body()).isEqualTo(200);
            return JSON.readTree(answer.body());
        }
        catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** The app's call, public like the click: no token. */
    private static HttpResponse<String> track(String query) {
        return platform.get(platform.edgeUrl() + "/track?" + query);
    }

    private static long postbacksReceivedFor(String click) {
        return platform.publisher().received().stream()
            .filter(postback -> postback.uri().contains("click_id=" + click))
            .count();
    }
}
