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

@AttributionServiceTest
class ConversionQueryApiTest {

    @LocalServerPort
    int port;

    @Autowired
    KafkaTemplate<Object, Object> kafka;

    @Autowired
    JdbcClient jdbc;

    @Test
    void aClickIsShownWithItsConversionsAndHowTheyWereAttributed() {
        Click click = click(unique("offer"), "9").build();
        kafka.send(Topics.CLICKS.name(), click.getClickId(), click);
        ConversionReported deposit = conversion(ConversionKind.FTD).setClickId(click.getClickId())
            .setAmount(money("100.00", "USD"))
            .build();
        kafka.send(Topics.CONVERSIONS_REPORTED.name(), click.getClickId(), deposit);
        await().atMost(Duration.ofSeconds(20)).until(() -> "ATTRIBUTED".equals(jdbc
            .sql("select state from conversions where event_id = ?").param(deposit.getEventId())
            .query(String.class).optional().orElse(null)));

        ServiceHttp.Answer response = get("/clicks/" + click.getClickId());

        assertThat(response.status()).isEqualTo(200);
        JsonNode body = response.json();
        assertThat(body.at("/click/click_id").asString()).isEqualTo(click.getClickId());
        assertThat(body.at("/click/publisher_id").asString()).isEqualTo("9");
        assertThat(body.at("/click/campaign").asString()).isEqualTo("spring-promo");
        assertThat(body.at("/click/sub3").asString()).isEqualTo("s3");
        assertThat(body.at("/conversions/0/event_id").asString()).isEqualTo(deposit.getEventId());
        assertThat(body.at("/conversions/0/method").asString()).isEqualTo("CLICK_ID");
        assertThat(body.at("/conversions/0/amount").decimalValue()).isEqualByComparingTo("100.00");
    }

    @Test
    void aPublisherSeesItsOwnClickWithOnlyItsConversionsAndAnotherPublishersClickIsNotFound() {
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

        ServiceHttp.Answer asItsPublisher = get("/clicks/" + click.getClickId(), issuer.publisherToken("9"));
        ServiceHttp.Answer asAnother = get("/clicks/" + click.getClickId(), issuer.publisherToken("8"));
        ServiceHttp.Answer unknown = get("/clicks/" + unique("nope"), issuer.publisherToken("8"));

        assertThat(asItsPublisher.status()).isEqualTo(200);
        JsonNode conversions = asItsPublisher.json().at("/conversions");
        assertThat(conversions.size()).isEqualTo(1);
        assertThat(conversions.get(0).at("/event_id").asString()).isEqualTo(ours.getEventId());
        assertThat(get("/clicks/" + click.getClickId()).json().at("/conversions").size())
            .as("an analyst sees the unattributed one too").isEqualTo(2);
        assertThat(asAnother.status()).isEqualTo(404);
        assertThat(asAnother.json().at("/title").asString())
            .isEqualTo(unknown.json().at("/title").asString());
        assertThat(asAnother.body()).doesNotContain("\"publisher_id\"").doesNotContain(ours.getEventId());
    }

    @Test
    void aPublisherCannotListUnattributedConversions() {
        assertThat(get("/conversions/unattributed", TestInfrastructure.issuer().publisherToken("9")).status())
            .isEqualTo(403);
    }

    @Test
    void anUnknownClickIsANotFoundProblem() {
        ServiceHttp.Answer response = get("/clicks/" + unique("nope"));

        assertThat(response.status()).isEqualTo(404);
        assertThat(response.header("Content-Type")).isEqualTo("application/problem+json");
    }

    /** Ids Croupier never minted (a casino's own, a mistyped one) are looked up like any other, never rejected. */
    @Test
    void aClickIdOfAnyShapeIsLookedUpAndAnUnknownOneIsTheSameNotFoundProblem() {
        Click casinosOwn = click(unique("offer"), "9").setClickId(unique("CLK-789ABC")).build();
        kafka.send(Topics.CLICKS.name(), casinosOwn.getClickId(), casinosOwn);
        await().atMost(Duration.ofSeconds(20)).until(() -> get("/clicks/" + casinosOwn.getClickId()).status() == 200);

        assertThat(get("/clicks/" + casinosOwn.getClickId()).json().at("/click/click_id").asString())
            .isEqualTo(casinosOwn.getClickId());
        for (String malformed : new String[] {"01ARZ3NDEUTSV4RRFFQ69G5FAV", "81ARZ3NDEKTSV4RRFFQ69G5FAV",
                "01ARZ3NDEKTSV4RRFFQ69G5FA", "01aryz6s41tsv4rrffq69g5fav"}) {
            ServiceHttp.Answer response = get("/clicks/" + malformed);

            assertThat(response.status()).as(malformed).isEqualTo(404);
            assertThat(response.header("Content-Type")).isEqualTo("application/problem+json");
            assertThat(response.json().at("/detail").asString()).isEqualTo("no click " + malformed);
        }
    }

    @Test
    void unattributedConversionsAreListedWithTheirReason() {
        String offer = unique("offer");
        ConversionReported orphan = conversion(ConversionKind.FTD).setClickId(unique("never"))
            .setOfferId(offer)
            .build();
        kafka.send(Topics.CONVERSIONS_REPORTED.name(), orphan.getClickId(), orphan);

        await().atMost(Duration.ofSeconds(20)).until(() -> get("/conversions/unattributed?offer_id=" + offer).body()
            .contains(orphan.getEventId()));
        JsonNode item = get("/conversions/unattributed?offer_id=" + offer).json().at("/items/0");
        assertThat(item.at("/reason").asString()).isEqualTo("CLICK_NOT_FOUND");
        assertThat(item.at("/click_id").asString()).isEqualTo(orphan.getClickId());
        assertThat(item.at("/state").asString()).isEqualTo("UNATTRIBUTED");
    }

    @Test
    void unattributedConversionsArePagedOldestFirstByTheirCursor() {
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
            .until(() -> eventIds(get("/conversions/unattributed?offer_id=" + offer).json()).size() == 3);

        List<JsonNode> pages = analyst().everyPage("/conversions/unattributed?limit=2&offer_id=" + offer);

        assertThat(pages).hasSize(2);
        assertThat(eventIds(pages.get(0))).hasSize(2);
        assertThat(pages.stream().flatMap(page -> eventIds(page).stream()).toList())
            .containsExactlyInAnyOrderElementsOf(orphans);
        ServiceHttp.Answer notOurs = get("/conversions/unattributed?cursor=yesterday");
        assertThat(notOurs.status()).isEqualTo(400);
        assertThat(notOurs.header("Content-Type")).isEqualTo("application/problem+json");
    }

    private static List<String> eventIds(JsonNode page) {
        return page.path("items").valueStream().map(item -> item.path("event_id").asString()).toList();
    }

    @Test
    void aPageLimitOutOfRangeIsABadRequestProblem() {
        ServiceHttp.Answer response = get("/conversions/unattributed?limit=0");

        assertThat(response.status()).isEqualTo(400);
        assertThat(response.header("Content-Type")).isEqualTo("application/problem+json");
    }

    private ServiceHttp.Answer get(String path) {
        return analyst().get(path);
    }

    private ServiceHttp.Answer get(String path, String token) {
        return new ServiceHttp(port, token).get(path);
    }

    private ServiceHttp analyst() {
        return new ServiceHttp(port, TestInfrastructure.issuer().token(TestIssuer.ANALYST));
    }
}
