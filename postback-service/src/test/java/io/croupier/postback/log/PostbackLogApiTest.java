package io.croupier.postback.log;

import java.util.ArrayList;
import java.util.List;

import io.croupier.postback.PostbackServiceTest;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code GET /admin/postback-logs}: every inbound call, filtered, newest first, paged by a cursor, secrets masked. */
class PostbackLogApiTest extends PostbackServiceTest {

    @Test
    void anOffersCallsArePagedNewestFirstByACursorUntilTheLastPage() {
        TestOffer offer = offer(unique("pager"), "USD");
        List<Long> logged = new ArrayList<>();
        for (int call = 0; call < 3; call++) {
            Answer answer = get("/postback/" + offer.partnerKey() + "?click_id=" + unique("click")
                    + "&status=approved&payout=5.00&transaction_id=" + unique("tx"));
            assertThat(answer.status()).isEqualTo(200);
            logged.add(answer.body().path("log_id").asLong());
        }

        Answer first = get("/admin/postback-logs?limit=2&offer_id=" + offer.id());
        assertThat(first.status()).isEqualTo(200);
        assertThat(ids(first.body())).containsExactly(logged.get(2), logged.get(1));
        String cursor = first.body().path("next_cursor").asString();
        Answer last = get("/admin/postback-logs?limit=2&offer_id=" + offer.id() + "&cursor=" + cursor);
        assertThat(ids(last.body())).containsExactly(logged.get(0));
        assertThat(last.body().path("next_cursor").isNull()).isTrue();

        JsonNode row = first.body().path("items").get(0);
        assertThat(row.path("outcome").asString()).isEqualTo("SUCCESS");
        assertThat(row.path("method").asString()).isEqualTo("GET");
        assertThat(row.path("offer_id").asString()).isEqualTo(offer.id());
        assertThat(row.path("received_at").asString()).isNotBlank();
        assertThat(row.path("path").asString() + row.path("query").asString()).as("the partner key in the path")
            .doesNotContain(offer.partnerKey());
        assertThat(get("/admin/postback-logs/" + logged.get(1)).body().path("id").asLong()).isEqualTo(logged.get(1));
    }

    @Test
    void filtersByOutcomeAndFormatAndNeverShowASecretSentInTheBody() {
        TestOffer offer = offer(unique("filters"), "USD");
        String wrongSecret = "not-" + offer.secret();
        Answer refused = postJson("/postback", """
                {"click_id":"%s","event":"ftd","payout":10.00,"secret":"%s"}""".formatted(unique("click"),
                wrongSecret));
        assertThat(refused.status()).isEqualTo(403);
        Answer unknownHouse = get("/api/postback/" + unique("nohouse") + "/deposit?subid=x&amount=1");

        JsonNode houses = get("/admin/postback-logs?limit=500&outcome=ERROR_HOUSE_NOT_FOUND").body();
        assertThat(houses.path("items").findValues("outcome")).isNotEmpty()
            .allSatisfy(outcome -> assertThat(outcome.asString()).isEqualTo("ERROR_HOUSE_NOT_FOUND"));
        assertThat(ids(houses)).contains(unknownHouse.body().path("logId").asLong());

        String houseFormat = houses.path("items").get(0).path("format").asString();
        JsonNode sameFormat = get("/admin/postback-logs?limit=500&format=" + houseFormat).body();
        assertThat(sameFormat.path("items").findValues("format")).isNotEmpty()
            .allSatisfy(format -> assertThat(format.asString()).isEqualTo(houseFormat));
        assertThat(sameFormat.path("items").findValues("format")).hasSizeGreaterThanOrEqualTo(
                houses.path("items").size());

        assertThat(get("/admin/postback-logs?limit=500").text()).contains("ERROR_HOUSE_NOT_FOUND")
            .doesNotContain(wrongSecret);
    }

    @Test
    void aLimitOutOfRangeOrACursorThisApiDidNotAnswerIsABadRequestProblem() {
        for (Answer answer : List.of(get("/admin/postback-logs?limit=0"), get("/admin/postback-logs?cursor=12%25"))) {
            assertThat(answer.status()).isEqualTo(400);
            assertThat(answer.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        }
        assertThat(get("/admin/postback-logs/999999999").status()).isEqualTo(404);
    }

    private static List<Long> ids(JsonNode page) {
        List<Long> ids = new ArrayList<>();
        page.path("items").forEach(item -> ids.add(item.path("id").asLong()));
        return ids;
    }
}
