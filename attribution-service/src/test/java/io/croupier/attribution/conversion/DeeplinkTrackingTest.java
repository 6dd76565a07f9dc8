package io.croupier.attribution.conversion;

import java.time.Duration;
import java.util.Map;

import io.croupier.attribution.AttributionServiceTest;
import io.croupier.embedded.ServiceHttp;
import io.croupier.events.Click;
import io.croupier.schemas.Topics;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.kafka.core.KafkaTemplate;
import tools.jackson.databind.JsonNode;

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

    @Autowired
    KafkaTemplate<Object, Object> kafka;

    @Autowired
    JdbcClient jdbc;

    @LocalServerPort
    int port;

    @Test
    void anAppOpenLinksThePlayerToTheClickOnceWithoutAToken() {
        Click click = stored(click(unique("offer"), "31").build());
        String player = unique("player");

        ServiceHttp.Answer tracked = track("click_id=" + click.getClickId() + "&player_id=" + player);
        ServiceHttp.Answer repeated = track("click_id=" + click.getClickId() + "&player_id=" + player);

        assertThat(tracked.status()).as(tracked.body()).isEqualTo(200);
        JsonNode answer = tracked.json();
        assertThat(answer.path("linked_now").asBoolean()).isTrue();
        assertThat(answer.path("offer_id").asString()).isEqualTo(click.getOfferId());
        assertThat(repeated.status()).isEqualTo(200);
        assertThat(repeated.json().path("linked_now").asBoolean()).as("idempotent").isFalse();
        assertThat(jdbc.sql("select click_id, publisher_id from player_links where offer_id = ? and player_id = ?")
            .param(click.getOfferId()).param(player).query().listOfRows())
            .containsExactly(Map.of("click_id", click.getClickId(), "publisher_id", "31"));
    }

    @Test
    void anUnknownClickIsNotFoundAndAMissingUserIsABadRequest() {
        ServiceHttp.Answer unknown = track("click_id=" + unique("NOCLICK") + "&player_id=p");
        ServiceHttp.Answer noUser = track("click_id=" + unique("CLICK"));

        assertThat(unknown.status()).isEqualTo(404);
        assertThat(unknown.header("Content-Type")).isEqualTo("application/problem+json");
        assertThat(noUser.status()).isEqualTo(400);
    }

    /** Ids Croupier never minted, well-formed or not, are looked up like any other: unknown ones are not found. */
    @Test
    void aClickIdOfAnyShapeIsLookedUpAndAnUnknownOneIsNotFound() {
        Click casinosOwn = stored(click(unique("offer"), "31").setClickId(unique("CLK-789ABC")).build());

        assertThat(track("click_id=" + casinosOwn.getClickId() + "&player_id=" + unique("player")).status())
            .isEqualTo(200);
        for (String malformed : new String[] {"01ARZ3NDEUTSV4RRFFQ69G5FAV", "81ARZ3NDEKTSV4RRFFQ69G5FAV",
                "01ARZ3NDEKTSV4RRFFQ69G5FA", "01aryz6s41tsv4rrffq69g5fav"}) {
            ServiceHttp.Answer unknown = track("click_id=" + malformed + "&player_id=p");

            assertThat(unknown.status()).as(malformed).isEqualTo(404);
            assertThat(unknown.json().path("detail").asString())
                .isEqualTo("no click " + malformed + " (yet): try again shortly");
        }
    }

    private ServiceHttp.Answer track(String query) {
        return new ServiceHttp(port).get("/track?" + query);
    }

    private Click stored(Click click) {
        kafka.send(Topics.CLICKS.name(), click.getClickId(), click);
        await().atMost(WAIT).until(() -> jdbc.sql("select count(*) from clicks where click_id = ?")
            .param(click.getClickId()).query(Long.class).single() == 1);
        return click;
    }
}
