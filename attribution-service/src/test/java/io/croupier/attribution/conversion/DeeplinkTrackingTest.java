package io.croupier.attribution.conversion;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;

import io.croupier.attribution.AttributionServiceTest;
import io.croupier.events.Click;
import io.croupier.schemas.Topics;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.kafka.core.KafkaTemplate;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static io.croupier.attribution.TestEvents.click;
import static io.croupier.attribution.TestEvents.unique;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Seed 002's {@code GET /track} as the app calls it: public, idempotent, linking the app user (player or device id) to
 * the click. What the link does to the casino's later deposits, sent as the casino sends them, is checked across the
 * services by local-stack's {@code DeeplinkTrackingEndToEndTest}.
 */
@AttributionServiceTest
class DeeplinkTrackingTest {

    private static final Duration WAIT = Duration.ofSeconds(20);

    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private static final JsonMapper JSON = JsonMapper.builder().build();

    @Autowired
    KafkaTemplate<Object, Object> kafka;

    @Autowired
    JdbcClient jdbc;

    @LocalServerPort
    int port;

    @Test
    void anAppOpenLinksThePlayerToTheClickOnceWithoutAToken() throws Exception {
        Click click = stored(click(unique("offer"), "31").build());
        String player = unique("player");

        HttpResponse<String> tracked = track("click_id=" + click.getClickId() + "&player_id=" + player);
        HttpResponse<String> repeated = track("click_id=" + click.getClickId() + "&player_id=" + player);

        assertThat(tracked.statusCode()).as(tracked.body()).isEqualTo(200);
        JsonNode answer = JSON.readTree(tracked.body());
        assertThat(answer.path("linked_now").asBoolean()).isTrue();
        assertThat(answer.path("offer_id").asString()).isEqualTo(click.getOfferId());
        assertThat(repeated.statusCode()).isEqualTo(200);
        assertThat(JSON.readTree(repeated.body()).path("linked_now").asBoolean()).as("idempotent").isFalse();
        assertThat(jdbc.sql("select click_id, publisher_id from player_links where offer_id = ? and player_id = ?")
            .param(click.getOfferId()).param(player).query().listOfRows())
            .containsExactly(Map.of("click_id", click.getClickId(), "publisher_id", "31"));
    }

    @Test
    void anUnknownClickIsNotFoundAndAMissingUserIsABadRequest() throws Exception {
        HttpResponse<String> unknown = track("click_id=" + unique("NOCLICK") + "&player_id=p");
        HttpResponse<String> noUser = track("click_id=" + unique("CLICK"));

        assertThat(unknown.statusCode()).isEqualTo(404);
        assertThat(unknown.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        assertThat(noUser.statusCode()).isEqualTo(400);
    }

    private HttpResponse<String> track(String query) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/track?" + query)).GET()
            .build(), HttpResponse.BodyHandlers.ofString());
    }

    private Click stored(Click click) {
        kafka.send(Topics.CLICKS.name(), click.getClickId(), click);
        await().atMost(WAIT).until(() -> jdbc.sql("select count(*) from clicks where click_id = ?")
            .param(click.getClickId()).query(Long.class).single() == 1);
        return click;
    }
}
