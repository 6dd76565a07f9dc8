package io.croupier.attribution.conversion;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import io.croupier.attribution.AttributionServiceTest;
import io.croupier.embedded.TestInfrastructure;
import io.croupier.embedded.TestIssuer;
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
    void aPublisherSeesItsOwnClickWithOnlyItsConversionsAndAnotherPublishersClickIsNotFound() throws Exception {
        String offer = unique("offer");
        Click click = click(offer, "9").build();
        kafka.send(Topics.CLICKS.name(), click.getClickId(), click);
        ConversionReported ours = conversion(ConversionKind.FTD).setClickId(click.getClickId()).setOfferId(offer)
            .build();
        ConversionReported mismatched = conversion(ConversionKind.FTD).setClickId(click.getClickId())
            .setOfferId(unique("other-offer"))
            .build();
        kafka.send(Topics.CONVERSIONS_REPORTED.name(), click.getClickId(), ours);
        kafka.send(Topics.CONVERSIONS_REPORTED.name(), click.getClickId(), mismatched);
        await().atMost(Duration.ofSeconds(20)).until(() -> jdbc.sql("""
                select count(*) from conversions where event_id in (?, ?) and state <> 'PENDING'""")
            .params(ours.getEventId(), mismatched.getEventId()).query(Long.class).single() == 2);
        TestIssuer issuer = TestInfrastructure.issuer();

        HttpResponse<String> asItsPublisher = get("/clicks/" + click.getClickId(), issuer.publisherToken("9"));
        HttpResponse<String> asAnother = get("/clicks/" + click.getClickId(), issuer.publisherToken("8"));
        HttpResponse<String> unknown = get("/clicks/" + unique("nope"), issuer.publisherToken("8"));

        assertThat(asItsPublisher.statusCode()).isEqualTo(200);
        JsonNode conversions = JSON.readTree(asItsPublisher.body()).at("/conversions");
        assertThat(conversions.size()).isEqualTo(1);
        assertThat(conversions.get(0).at("/event_id").asString()).isEqualTo(ours.getEventId());
        assertThat(JSON.readTree(get("/clicks/" + click.getClickId()).body()).at("/conversions").size())
            .as("an analyst sees the unattributed one too").isEqualTo(2);
        assertThat(asAnother.statusCode()).isEqualTo(404);
        assertThat(JSON.readTree(asAnother.body()).at("/title").asString())
            .isEqualTo(JSON.readTree(unknown.body()).at("/title").asString());
        assertThat(asAnother.body()).doesNotContain("\"publisher_id\"").doesNotContain(ours.getEventId());
    }

    @Test
    void aPublisherCannotListUnattributedConversions() throws Exception {
        assertThat(get("/conversions/unattributed", TestInfrastructure.issuer().publisherToken("9")).statusCode())
            .isEqualTo(403);
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
    void unattributedConversionsArePagedOldestFirstByTheirCursor() throws Exception {
        String offer = unique("offer");
        List<String> orphans = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            ConversionReported orphan = conversion(ConversionKind.FTD).setClickId(unique("never"))
                .setOfferId(offer)
                .build();
            kafka.send(Topics.CONVERSIONS_REPORTED.name(), orphan.getClickId(), orphan);
            orphans.add(orphan.getEventId());
        }
        await().atMost(Duration.ofSeconds(20))
            .until(() -> eventIds(JSON.readTree(get("/conversions/unattributed?offer_id=" + offer).body())).size() == 3);

        JsonNode first = JSON.readTree(get("/conversions/unattributed?limit=2&offer_id=" + offer).body());
        JsonNode last = JSON.readTree(get("/conversions/unattributed?limit=2&offer_id=" + offer + "&cursor="
                + first.path("next_cursor").asString()).body());

        assertThat(eventIds(first)).hasSize(2);
        assertThat(last.path("next_cursor").isNull()).isTrue();
        List<String> paged = new ArrayList<>(eventIds(first));
        paged.addAll(eventIds(last));
        assertThat(paged).containsExactlyInAnyOrderElementsOf(orphans);
        HttpResponse<String> notOurs = get("/conversions/unattributed?cursor=yesterday");
        assertThat(notOurs.statusCode()).isEqualTo(400);
        assertThat(notOurs.headers().firstValue("Content-Type")).hasValue("application/problem+json");
    }

    private static List<String> eventIds(JsonNode page) {
        return page.path("items").valueStream().map(item -> item.path("event_id").asString()).toList();
    }

    @Test
    void aPageLimitOutOfRangeIsABadRequestProblem() throws Exception {
        HttpResponse<String> response = get("/conversions/unattributed?limit=0");

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
    }

    private HttpResponse<String> get(String path) throws Exception {
        return get(path, TestInfrastructure.issuer().token(TestIssuer.ANALYST));
    }

    private HttpResponse<String> get(String path, String token) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
            .header("Authorization", "Bearer " + token)
            .build(), HttpResponse.BodyHandlers.ofString());
    }
}
