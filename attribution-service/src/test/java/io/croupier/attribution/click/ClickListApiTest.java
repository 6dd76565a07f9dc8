package io.croupier.attribution.click;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
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
import org.springframework.kafka.core.KafkaTemplate;
import tools.jackson.databind.JsonNode;

import static io.croupier.attribution.TestEvents.click;
import static io.croupier.attribution.TestEvents.conversion;
import static io.croupier.attribution.TestEvents.unique;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** {@code GET /clicks}: newest first, paged by a cursor, and a publisher sees its own clicks only. */
@AttributionServiceTest
class ClickListApiTest {

    @Autowired
    KafkaTemplate<Object, Object> kafka;

    @LocalServerPort
    int port;

    @Test
    void anOffersClicksArePagedNewestFirstAndAPublisherGetsOnlyItsOwn() {
        String offer = unique("offer");
        String mine = unique("mine");
        String theirs = unique("theirs");
        Instant start = Instant.now().truncatedTo(ChronoUnit.SECONDS).minus(Duration.ofMinutes(30));
        List<String> myClicks = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            myClicks.add(0, send(click(offer, mine).setOccurredAt(start.plusSeconds(i)).build()));
        }
        String theirClick = send(click(offer, theirs).setOccurredAt(start.plusSeconds(10)).build());
        await().atMost(Duration.ofSeconds(20)).until(() -> ids(get("/clicks?offer_id=" + offer, null)).size() == 4);

        List<JsonNode> pages = new ServiceHttp(port, TestInfrastructure.issuer().token(TestIssuer.ANALYST))
            .everyPage("/clicks?limit=2&offer_id=" + offer + "&publisher_id=" + mine);
        assertThat(pages).hasSize(2);
        assertThat(ids(pages.get(0))).containsExactly(myClicks.get(0), myClicks.get(1));
        assertThat(ids(pages.get(1))).containsExactly(myClicks.get(2));
        assertThat(ids(get("/clicks?offer_id=" + offer, null))).first().isEqualTo(theirClick);

        assertThat(ids(get("/clicks?offer_id=" + offer + "&publisher_id=" + theirs, mine)))
            .as("a publisher asking for another's clicks gets its own").containsExactlyElementsOf(myClicks);
    }

    @Test
    void aCursorThisApiDidNotAnswerIsABadRequestProblem() {
        ServiceHttp.Answer answer = send("/clicks?cursor=yesterday", null);

        assertThat(answer.status()).isEqualTo(400);
        assertThat(answer.header("Content-Type")).isEqualTo("application/problem+json");
    }

    @Test
    void aPublishersTimelineCountsItsClicksAndConversionsAndAPublisherGetsOnlyItsOwn() {
        String offer = unique("offer");
        String mine = unique("mine");
        String theirs = unique("theirs");
        Instant hour = Instant.now().truncatedTo(ChronoUnit.HOURS).minus(Duration.ofHours(48));
        String myClick = send(click(offer, mine).setOccurredAt(hour.plusSeconds(1)).build());
        send(click(offer, mine).setOccurredAt(hour.plusSeconds(2)).build());
        send(click(offer, theirs).setOccurredAt(hour.plusSeconds(3)).build());
        ConversionReported deposit = conversion(ConversionKind.FTD).setClickId(myClick)
            .setOfferId(offer)
            .setOccurredAt(hour.plusSeconds(60))
            .build();
        kafka.send(Topics.CONVERSIONS_REPORTED.name(), myClick, deposit);
        String range = "/clicks/timeline?bucket=hour&from=" + hour + "&to=" + hour.plus(Duration.ofHours(2));

        JsonNode forMine = await().atMost(Duration.ofSeconds(20)).until(
                () -> get(range + "&publisher_id=" + mine, null),
                timeline -> timeline.at("/points/0/conversions").asLong() == 1);
        JsonNode forTheirs = get(range + "&publisher_id=" + theirs, null);
        JsonNode myTokenAskingForTheirs = get(range + "&publisher_id=" + theirs, mine);

        assertThat(forMine.path("points").size()).isEqualTo(2);
        assertThat(forMine.at("/points/0/clicks").asLong()).isEqualTo(2);
        assertThat(forMine.at("/points/1/clicks").asLong()).isZero();
        assertThat(forTheirs.at("/points/0/clicks").asLong()).isEqualTo(1);
        assertThat(forTheirs.at("/points/0/conversions").asLong()).isZero();
        assertThat(myTokenAskingForTheirs.path("publisher_id").asString()).isEqualTo(mine);
        assertThat(myTokenAskingForTheirs.at("/points/0/clicks").asLong()).as("its own clicks, none of the other's")
            .isEqualTo(2);
    }

    private String send(Click click) {
        kafka.send(Topics.CLICKS.name(), click.getClickId(), click);
        return click.getClickId();
    }

    private static List<String> ids(JsonNode page) {
        List<String> ids = new ArrayList<>();
        page.path("items").forEach(item -> ids.add(item.path("click_id").asString()));
        return ids;
    }

    private JsonNode get(String path, String publisherId) {
        return send(path, publisherId).json();
    }

    /** As the publisher {@code publisherId}, or as an analyst when it is null. */
    private ServiceHttp.Answer send(String path, String publisherId) {
        TestIssuer issuer = TestInfrastructure.issuer();
        String token = publisherId == null ? issuer.token(TestIssuer.ANALYST) : issuer.publisherToken(publisherId);
        return new ServiceHttp(port, token).get(path);
    }
}
