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

/**
 * A conversion whose click has not arrived stays parked however long it waits (past the grace period it is also
 * unattributed, and still re-checked), so these tests hold one back for as long as they need it.
 */
@AttributionServiceTest
class ParkedConversionApiTest {

    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private static final ObjectMapper JSON = new ObjectMapper();

    @LocalServerPort
    int port;

    @Autowired
    KafkaTemplate<Object, Object> kafka;

    @Autowired
    JdbcClient jdbc;

    @Test
    void conversionsWaitingForTheirClickOrAnEarlierConversionAreListedAndCountedByReasonUntilAttributed()
            throws Exception {
        String offer = unique("offer");
        String subId = unique("sub");
        Click late = click(offer, "9").build();
        ConversionReported registration = conversion(ConversionKind.REGISTRATION).setClickId(late.getClickId())
            .setOfferId(offer)
            .setSubId(subId)
            .build();
        ConversionReported deposit = conversion(ConversionKind.FTD).setOfferId(offer)
            .setSubId(subId)
            .setAmount(money("50.00", "EUR"))
            .build();
        kafka.send(Topics.CONVERSIONS_REPORTED.name(), late.getClickId(), registration);
        await().atMost(Duration.ofSeconds(20))
            .until(() -> eventIds(page("/conversions/parked?reason=CLICK_NOT_FOUND&limit=500"))
                .contains(registration.getEventId()));
        kafka.send(Topics.CONVERSIONS_REPORTED.name(), late.getClickId(), deposit);

        await().atMost(Duration.ofSeconds(20))
            .until(() -> eventIds(page("/conversions/parked?reason=WAITING_FOR_EARLIER&limit=500"))
                .contains(deposit.getEventId()));
        JsonNode counts = page("/conversions/parked/counts");
        assertThat(counts.at("/by_reason/CLICK_NOT_FOUND").asLong()).isPositive();
        assertThat(counts.at("/by_reason/WAITING_FOR_EARLIER").asLong()).isPositive();
        assertThat(counts.at("/total").asLong()).isEqualTo(counts.at("/by_reason").valueStream()
            .mapToLong(JsonNode::asLong)
            .sum());
        assertThat(eventIds(page("/conversions/parked?reason=CLICK_NOT_FOUND&limit=500")))
            .doesNotContain(deposit.getEventId());

        kafka.send(Topics.CLICKS.name(), late.getClickId(), late);

        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(eventIds(allParked()))
            .doesNotContain(registration.getEventId(), deposit.getEventId()));
        assertThat(jdbc.sql("select count(*) from conversions where event_id in (?, ?) and state = 'ATTRIBUTED'")
            .params(registration.getEventId(), deposit.getEventId()).query(Long.class).single()).isEqualTo(2);
    }

    @Test
    void parkedConversionsArePagedOldestFirstByTheirCursor() throws Exception {
        String offer = unique("offer");
        List<String> orphans = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            ConversionReported orphan = conversion(ConversionKind.FTD).setClickId(unique("never"))
                .setOfferId(offer)
                .build();
            kafka.send(Topics.CONVERSIONS_REPORTED.name(), orphan.getClickId(), orphan);
            orphans.add(orphan.getEventId());
        }
        await().atMost(Duration.ofSeconds(20)).until(() -> eventIds(allParked()).containsAll(orphans));

        JsonNode first = page("/conversions/parked?limit=2");
        JsonNode next = page("/conversions/parked?limit=2&cursor=" + first.path("next_cursor").asString());
        List<JsonNode> everyPage = new ArrayList<>();
        String cursor = null;
        do {
            JsonNode page = page("/conversions/parked?limit=2" + (cursor == null ? "" : "&cursor=" + cursor));
            everyPage.add(page);
            cursor = page.path("next_cursor").isNull() ? null : page.path("next_cursor").asString();
        }
        while (cursor != null);

        assertThat(eventIds(first)).hasSize(2);
        assertThat(seqs(next).get(0)).isGreaterThan(seqs(first).get(1));
        List<Long> seqs = everyPage.stream().flatMap(page -> seqs(page).stream()).toList();
        assertThat(seqs).isSorted().doesNotHaveDuplicates();
        assertThat(everyPage.stream().flatMap(page -> eventIds(page).stream()).toList()).containsAll(orphans);
        assertThat(everyPage.get(everyPage.size() - 1).path("next_cursor").isNull()).isTrue();
        assertProblem(get("/conversions/parked?cursor=yesterday"), 400);
        assertProblem(get("/conversions/parked?limit=0"), 400);
        assertProblem(get("/conversions/parked?reason=UNKNOWN_OFFER"), 400);
    }

    @Test
    void aPublisherCannotSeeParkedConversions() throws Exception {
        String token = TestInfrastructure.issuer().publisherToken("9");
        assertThat(get("/conversions/parked", token).statusCode()).isEqualTo(403);
        assertThat(get("/conversions/parked/counts", token).statusCode()).isEqualTo(403);
    }

    private JsonNode allParked() throws Exception {
        return page("/conversions/parked?limit=500");
    }

    private static void assertProblem(HttpResponse<String> response, int status) {
        assertThat(response.statusCode()).isEqualTo(status);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
    }

    private static List<String> eventIds(JsonNode page) {
        return page.path("items").valueStream().map(item -> item.path("event_id").asString()).toList();
    }

    private static List<Long> seqs(JsonNode page) {
        return page.path("items").valueStream().map(item -> item.path("seq").asLong()).toList();
    }

    private JsonNode page(String path) throws Exception {
        HttpResponse<String> response = get(path);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return JSON.readTree(response.body());
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
