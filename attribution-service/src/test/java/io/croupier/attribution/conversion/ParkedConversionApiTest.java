package io.croupier.attribution.conversion;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import io.croupier.attribution.AttributionServiceTest;
import io.croupier.embedded.ServiceHttp;
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

    @LocalServerPort
    int port;

    @Autowired
    KafkaTemplate<Object, Object> kafka;

    @Autowired
    JdbcClient jdbc;

    @Test
    void conversionsWaitingForTheirClickOrAnEarlierConversionAreListedAndCountedByReasonUntilAttributed() {
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
    void parkedConversionsArePagedOldestFirstByTheirCursor() {
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
        List<JsonNode> everyPage = analyst().everyPage("/conversions/parked?limit=2");

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
    void aPublisherCannotSeeParkedConversions() {
        String token = TestInfrastructure.issuer().publisherToken("9");
        assertThat(new ServiceHttp(port, token).get("/conversions/parked").status()).isEqualTo(403);
        assertThat(new ServiceHttp(port, token).get("/conversions/parked/counts").status()).isEqualTo(403);
    }

    private JsonNode allParked() {
        return page("/conversions/parked?limit=500");
    }

    private static void assertProblem(ServiceHttp.Answer answer, int status) {
        assertThat(answer.status()).isEqualTo(status);
        assertThat(answer.header("Content-Type")).isEqualTo("application/problem+json");
    }

    private static List<String> eventIds(JsonNode page) {
        return page.path("items").valueStream().map(item -> item.path("event_id").asString()).toList();
    }

    private static List<Long> seqs(JsonNode page) {
        return page.path("items").valueStream().map(item -> item.path("seq").asLong()).toList();
    }

    private JsonNode page(String path) {
        ServiceHttp.Answer answer = get(path);
        assertThat(answer.status()).as(answer.body()).isEqualTo(200);
        return answer.json();
    }

    private ServiceHttp.Answer get(String path) {
        return analyst().get(path);
    }

    private ServiceHttp analyst() {
        return new ServiceHttp(port, TestInfrastructure.issuer().token(TestIssuer.ANALYST));
    }
}
