package io.croupier.localstack;

import java.net.http.HttpResponse;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import tools.jackson.databind.JsonNode;

import static io.croupier.localstack.TestPlatform.JSON;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Money on a guessed link, across the services: the operator sets the deal in click-service, attribution-service
 * marks the fallback match as a guess, commission-service holds the publisher's payout, and publisher-forwarder
 * sends it only once an operator confirmed it.
 */
@ExtendWith(TestPlatform.Shared.class)
class GuessedLinksEndToEndTest {

    private static TestPlatform platform;

    private final String run = UUID.randomUUID().toString().substring(0, 8);

    @BeforeAll
    static void platform(TestPlatform shared) {
        platform = shared;
    }

    @Test
    void aDealThatHoldsGuessesPaysAFallbackMatchOnlyOnceAnOperatorConfirmsIt() {
        JsonNode offer = platform.create(PlatformService.CLICK, "/admin/offers", Map.of(
                "name", "Careful Network " + run,
                "casino_url", "https://careful.example/offer?click_id={click_id}",
                "partner_key", "careful-" + run,
                "deal", Map.of("currency", "USD", "guessed_links", "HOLD")));
        String click = platform.click(offer, platform.publisherNamed("teste123"), "");

        HttpResponse<String> postback = platform.get(platform.edgeUrl() + "/postback/careful-" + run
                + "?offer_id=SURVEY-789&status=approved&payout=7.00&transaction_id=TXN-NOCLICKID-" + run);

        assertThat(postback.statusCode()).as(postback.body()).isEqualTo(200);
        JsonNode held = platform.ledgerOf(Long.parseLong(JSON.readTree(postback.body()).path("log_id").asString()))
            .get(0);
        assertThat(held.path("click_id").asString()).isEqualTo(click);
        assertThat(held.path("attribution").path("guessed").asBoolean()).isTrue();
        assertThat(held.path("revenue").path("amount").asString()).isEqualTo("7.00");
        assertThat(held.path("publisher_payout").path("amount").asString()).isEqualTo("0.00");
        assertThat(held.path("held_payout").path("amount").asString()).isEqualTo("5.60");
        String commission = platform.url(PlatformService.COMMISSION);
        JsonNode waiting = JSON.readTree(platform.read(commission + "/ledger/held?offer_id=" + offer.path("id")
            .asString()).body()).path("items");
        assertThat(waiting.size()).isEqualTo(1);
        assertThat(waiting.get(0).path("entry_id").asString()).isEqualTo(held.path("entry_id").asString());

        HttpResponse<String> confirmed = platform.act(commission + "/ledger/entries/"
                + held.path("entry_id").asString() + "/confirm");

        assertThat(confirmed.statusCode()).as(confirmed.body()).isEqualTo(200);
        JsonNode confirmation = JSON.readTree(confirmed.body());
        assertThat(confirmation.path("rule").asString()).isEqualTo("GUESSED_LINK_CONFIRMED");
        assertThat(platform.forwarded(confirmation).uri()).contains("click_id=" + click, "payout=5.60",
                "status=approved");
        assertThat(platform.wasForwarded(held)).as("the held entry itself sent nothing").isFalse();
    }
}
