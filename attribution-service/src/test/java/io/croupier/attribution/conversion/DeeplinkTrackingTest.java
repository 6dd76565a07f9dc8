package io.croupier.attribution.conversion;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;

import io.croupier.attribution.AttributionServiceTest;
import io.croupier.events.AttributedConversion;
import io.croupier.events.AttributionMethod;
import io.croupier.events.Click;
import io.croupier.events.ConversionKind;
import io.croupier.events.ConversionReported;
import io.croupier.schemas.Topics;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.kafka.core.KafkaTemplate;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static io.croupier.attribution.TestEvents.attributed;
import static io.croupier.attribution.TestEvents.click;
import static io.croupier.attribution.TestEvents.conversion;
import static io.croupier.attribution.TestEvents.money;
import static io.croupier.attribution.TestEvents.unique;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Seed 002's {@code GET /track}: an app opened through a click links its user to the click, without a token, so the
 * user's later conversions (which carry no click id) are attributed to it.
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
    void anAppOpenLinksThePlayerToTheClickSoALaterDepositWithoutClickIdIsAttributedToIt() throws Exception {
        Click click = stored(click(unique("offer"), "31").build());
        String player = unique("player");

        HttpResponse<String> tracked = track("click_id=" + click.getClickId() + "&player_id=" + player);
        HttpResponse<String> repeated = track("click_id=" + click.getClickId() + "&player_id=" + player);
        AttributedConversion deposit = attributedOnce(send(conversion(ConversionKind.DEPOSIT)
            .setOfferId(click.getOfferId())
            .setPlayerId(player)
            .setAmount(money("40.00", "USD"))
            .build()));

        assertThat(tracked.statusCode()).as(tracked.body()).isEqualTo(200);
        JsonNode answer = JSON.readTree(tracked.body());
        assertThat(answer.path("linked_now").asBoolean()).isTrue();
        assertThat(answer.path("offer_id").asString()).isEqualTo(click.getOfferId());
        assertThat(repeated.statusCode()).isEqualTo(200);
        assertThat(JSON.readTree(repeated.body()).path("linked_now").asBoolean()).as("idempotent").isFalse();
        assertThat(deposit.getMethod()).isEqualTo(AttributionMethod.PLAYER);
        assertThat(deposit.getClickId()).isEqualTo(click.getClickId());
        assertThat(deposit.getPublisherId()).isEqualTo("31");
    }

    @Test
    void aDepositWaitingForItsPlayersLinkIsAttributedWhenTheAppOpens() throws Exception {
        Click click = stored(click(unique("offer"), "32").build());
        String device = unique("device");
        ConversionReported deposit = send(conversion(ConversionKind.DEPOSIT).setOfferId(click.getOfferId())
            .setPlayerId(device)
            .setAmount(money("15.00", "USD"))
            .build());
        await().atMost(WAIT).until(() -> "PLAYER_NOT_LINKED".equals(jdbc.sql(
                "select reason from conversions where event_id = ?").param(deposit.getEventId()).query(String.class)
            .optional().orElse(null)));

        assertThat(track("click_id=" + click.getClickId() + "&device_id=" + device).statusCode()).isEqualTo(200);

        AttributedConversion attributed = attributedOnce(deposit);
        assertThat(attributed.getClickId()).isEqualTo(click.getClickId());
        assertThat(attributed.getPublisherId()).isEqualTo("32");
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

    private ConversionReported send(ConversionReported conversion) {
        conversion.setOrderKey(conversion.getOfferId() + ":player:" + conversion.getPlayerId());
        kafka.send(Topics.CONVERSIONS_REPORTED.name(), conversion.getOrderKey(), conversion);
        return conversion;
    }

    private static AttributedConversion attributedOnce(ConversionReported conversion) {
        await().atMost(WAIT).until(() -> !attributed(conversion.getEventId()).isEmpty());
        List<AttributedConversion> attributed = attributed(conversion.getEventId());
        assertThat(attributed).hasSize(1);
        return attributed.get(0);
    }
}
