package io.croupier.attribution.conversion;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

import io.croupier.attribution.AttributionServiceTest;
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
import tools.jackson.databind.ObjectMapper;

import static io.croupier.attribution.TestEvents.click;
import static io.croupier.attribution.TestEvents.conversion;
import static io.croupier.attribution.TestEvents.money;
import static io.croupier.attribution.TestEvents.unique;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

@AttributionServiceTest
class ConversionQueryApiTest {

    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private static final ObjectMapper JSON = new ObjectMapper();

    @LocalServerPort
    int port;

    @Autowired
    KafkaTemplate<Object, Object> kafka;

    @Autowired
    JdbcClient jdbc;

    @Test
    void aClickIsShownWithItsConversionsAndHowTheyWereAttributed() throws Exception {
        Click click = click(unique("offer"), "9").build();
        kafka.send(Topics.CLICKS.name(), click.getClickId(), click);
        ConversionReported deposit = conversion(ConversionKind.FTD).setClickId(click.getClickId())
            .setAmount(money("100.00", "USD"))
            .build();
        kafka.send(Topics.CONVERSIONS_REPORTED.name(), click.getClickId(), deposit);
        await().atMost(Duration.ofSeconds(20)).until(() -> "ATTRIBUTED".equals(jdbc
            .sql("select state from conversions where event_id = ?").param(deposit.getEventId())
            .query(String.class).optional().orElse(null)));

        HttpResponse<String> response = get("/clicks/" + click.getClickId());

        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode body = JSON.readTree(response.body());
        assertThat(body.at("/click/click_id").asString()).isEqualTo(click.getClickId());
        assertThat(body.at("/click/publisher_id").asString()).isEqualTo("9");
        assertThat(body.at("/click/campaign").asString()).isEqualTo("spring-promo");
        assertThat(body.at("/click/sub3").asString()).isEqualTo("s3");
        assertThat(body.at("/conversions/0/event_id").asString()).isEqualTo(deposit.getEventId());
        assertThat(body.at("/conversions/0/method").asString()).isEqualTo("CLICK_ID");
        assertThat(body.at("/conversions/0/amount").decimalValue()).isEqualByComparingTo("100.00");
    }

    @Test
    void anUnknownClickIsANotFoundProblem() throws Exception {
        HttpResponse<String> response = get("/clicks/" + unique("nope"));

        assertThat(response.statusCode()).isEqualTo(404);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
    }

    @Test
    void unattributedConversionsAreListedWithTheirReason() throws Exception {
        String offer = unique("offer");
        ConversionReported orphan = conversion(ConversionKind.FTD).setClickId(unique("never"))
            .setOfferId(offer)
            .build();
        kafka.send(Topics.CONVERSIONS_REPORTED.name(), orphan.getClickId(), orphan);

        await().atMost(Duration.ofSeconds(20)).until(() -> get("/conversions/unattributed?offer_id=" + offer).body()
            .contains(orphan.getEventId()));
        JsonNode item = JSON.readTree(get("/conversions/unattributed?offer_id=" + offer).body()).at("/items/0");
        assertThat(item.at("/reason").asString()).isEqualTo("CLICK_NOT_FOUND");
        assertThat(item.at("/click_id").asString()).isEqualTo(orphan.getClickId());
        assertThat(item.at("/state").asString()).isEqualTo("UNATTRIBUTED");
    }

    @Test
    void aPageLimitOutOfRangeIsABadRequestProblem() throws Exception {
        HttpResponse<String> response = get("/conversions/unattributed?limit=0");

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
    }

    private HttpResponse<String> get(String path) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
