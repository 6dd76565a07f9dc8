package io.croupier.localstack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

import io.croupier.secrets.webhook.WebhookSecret;
import io.croupier.secrets.webhook.WebhookSignatures;
import tools.jackson.databind.JsonNode;

import static io.croupier.localstack.TestPlatform.JSON;
import static io.croupier.localstack.TestPlatform.PATIENCE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * One end-to-end test's casino on the shared platform, set up as an operator does it: an offer with a house slug and
 * a deal, a publisher paid half the revenue whose postbacks reach the demo publisher, and the casino's seed 000
 * webhooks through the front door, unsigned or signed as docs/integrating.md tells casinos to. Every name carries a
 * fresh run id, so tests sharing the platform never see each other's data.
 */
final class CasinoScenario {

    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private final TestPlatform platform;

    private final String run;

    private final String house;

    private final JsonNode offer;

    private final JsonNode publisher;

    private CasinoScenario(TestPlatform platform, String run, String house, JsonNode offer, JsonNode publisher) {
        this.platform = platform;
        this.run = run;
        this.house = house;
        this.offer = offer;
        this.publisher = publisher;
    }

    /**
     * A casino named {@code name} whose deal pays a CPA of 150 USD from a 20 USD deposit, plus {@code dealTerms}; the
     * publisher's postback URL carries {@code postbackQuery} after the demo publisher's address.
     */
    static CasinoScenario open(TestPlatform platform, String name, Map<String, Object> dealTerms,
            String postbackQuery) {
        String run = UUID.randomUUID().toString().substring(0, 8);
        String house = name + "_casino_" + run;
        Map<String, Object> deal = new LinkedHashMap<>(Map.of("cpa_amount", 150, "min_deposit", 20,
                "currency", "USD"));
        deal.putAll(dealTerms);
        JsonNode offer = platform.create(PlatformService.CLICK, "/admin/offers", Map.of(
                "name", name + " Casino " + run,
                "casino_url", "https://" + name + "-casino.example/land?click_id={click_id}",
                "house_slug", house,
                "deal", deal));
        JsonNode publisher = platform.create(PlatformService.FORWARDER, "/admin/publishers", Map.of(
                "name", name + " Publisher " + run,
                "username", name + "-" + run,
                "postback_url", platform.publisher().postbackUrl() + "?" + postbackQuery,
                "method", "GET",
                "payout_terms", Map.of("revshare_percent", 50),
                "offer_terms", Map.of(),
                "rate_limit_per_second", 50,
                "offerwall", false,
                "active", true));
        return new CasinoScenario(platform, run, house, offer, publisher);
    }

    /** This scenario's own id, to name its players, transactions and campaigns. */
    String run() {
        return run;
    }

    /** The offer's house slug: the {@code platform} of the casino's webhooks. */
    String house() {
        return house;
    }

    JsonNode offer() {
        return offer;
    }

    JsonNode publisher() {
        return publisher;
    }

    /** A visitor's click on the offer for the publisher, with {@code moreQuery} (e.g. the campaign). */
    String click(String moreQuery) {
        return platform.click(offer, publisher, moreQuery);
    }

    /** The casino's unsigned seed 000 webhook through the front door, which must be accepted. */
    JsonNode webhook(String event, String body) {
        HttpResponse<String> answer = platform.postJson(platform.edgeUrl() + "/webhooks/gaming/" + event, body);
        assertThat(answer.statusCode()).as("%s: %s", event, answer.body()).isEqualTo(200);
        return JSON.readTree(answer.body());
    }

    /** What an operator does before going live with a casino: a signing secret, handed over, then required. */
    WebhookSecret requireSignedWebhooks() {
        String policy = platform.url(PlatformService.POSTBACK) + "/admin/inbound-auth/" + offer.path("id").asString();
        await().atMost(PATIENCE).until(() -> platform.read(policy).statusCode() == 200);
        WebhookSecret secret = WebhookSecret.parse(platform.admin.post(policy + "/signing-secret")
            .path("signing_secret").asString());
        platform.admin.put(policy, Map.of("signature_required", true));
        return secret;
    }

    /** The casino's seed 000 webhook through the front door, signed with the secret, which must be accepted. */
    JsonNode signedWebhook(WebhookSecret secret, String event, String body) {
        try {
            HttpResponse<String> answer = HTTP.send(signedWebhook(platform.edgeUrl() + "/webhooks/gaming/" + event,
                    secret, "msg-" + UUID.randomUUID(), Instant.now().getEpochSecond(), body),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(answer.statusCode()).as("%s: %s", event, answer.body()).isEqualTo(200);
            return JSON.readTree(answer.body());
        }
        catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
        catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A seed 000 webhook to {@code url}, signed as docs/integrating.md tells casinos to sign. */
    static HttpRequest signedWebhook(String url, WebhookSecret secret, String id, long timestamp, String body) {
        return HttpRequest.newBuilder(URI.create(url))
            .timeout(PATIENCE)
            .header("Content-Type", "application/json")
            .header("webhook-id", id)
            .header("webhook-timestamp", Long.toString(timestamp))
            .header("webhook-signature", WebhookSignatures.sign(secret.key(), id, timestamp,
                    body.getBytes(StandardCharsets.UTF_8)))
            .POST(HttpRequest.BodyPublishers.ofString(body))
            .build();
    }

    /**
     * A player's registration through the click and first deposit of 50 USD in {@code transaction}, unsigned; the
     * deposit's first ledger entry, once commissioned.
     */
    JsonNode firstDeposit(String click, String player, String transaction) {
        webhook("registration", """
                {"user_id":"%s","platform":"%s","click_id":"%s"}""".formatted(player, house, click));
        long depositLog = webhook("deposit", """
                {"user_id":"%s","amount":50.00,"currency":"USD","transaction_id":"%s","platform":"%s",
                 "is_first_deposit":true}""".formatted(player, transaction, house)).path("log_id").asLong();
        return platform.ledgerOf(depositLog).get(0);
    }

    /** Publisher postbacks the demo publisher received for the click so far. */
    long postbacksReceivedFor(String click) {
        return platform.publisher().received().stream()
            .filter(postback -> postback.uri().contains("click_id=" + click))
            .count();
    }
}
