package io.croupier.attribution.performance;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

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
import static io.croupier.attribution.TestEvents.money;
import static io.croupier.attribution.TestEvents.unique;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** {@code GET /offers/timeline}: the funnel per hour or day, every bucket of the range answered. */
@AttributionServiceTest
class TimelineApiTest {

    /** Two fixed hours in the past, a day ago, so no other test's traffic of the last hours falls in them. */
    private static final Instant HOUR = Instant.now().truncatedTo(ChronoUnit.HOURS).minus(Duration.ofHours(26));

    @Autowired
    KafkaTemplate<Object, Object> kafka;

    @LocalServerPort
    int port;

    @Test
    void clicksAndFirstDepositsAreCountedInTheHourTheyHappenedAndEmptyHoursAreZero() {
        String offer = unique("offer");
        Click early = sendClick(offer, HOUR.plusSeconds(30));
        sendClick(offer, HOUR.plusSeconds(1800));
        sendClick(offer, HOUR.plus(Duration.ofHours(2)).plusSeconds(5));
        String player = unique("dora");
        send(early.getClickId(), conversion(ConversionKind.REGISTRATION).setClickId(early.getClickId())
            .setPlayerId(player), HOUR.plusSeconds(60));
        send(offer + ":player:" + player, conversion(ConversionKind.FTD).setOfferId(offer).setPlayerId(player)
            .setAmount(money("20.00", "EUR")), HOUR.plusSeconds(90));
        String range = "/offers/timeline?bucket=hour&offer_id=" + offer + "&from=" + HOUR.plusSeconds(600) + "&to="
                + HOUR.plus(Duration.ofHours(3));

        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
            JsonNode timeline = get(range).json();
            assertThat(timeline.at("/from").asString()).as("from is rounded down to its hour")
                .isEqualTo(HOUR.toString());
            JsonNode points = timeline.path("points");
            assertThat(points.size()).isEqualTo(3);
            assertThat(points.at("/0/at").asString()).isEqualTo(HOUR.toString());
            assertThat(points.at("/0/clicks").asLong()).isEqualTo(2);
            assertThat(points.at("/0/registrations").asLong()).isEqualTo(1);
            assertThat(points.at("/0/first_deposits").asLong()).isEqualTo(1);
            assertThat(points.at("/0/deposit_volume/0/currency").asString()).isEqualTo("EUR");
            assertThat(points.at("/0/deposit_volume/0/amount").decimalValue()).isEqualByComparingTo("20.00");
            assertThat(points.at("/1/clicks").asLong()).isZero();
            assertThat(points.at("/2/clicks").asLong()).isEqualTo(1);
        });
        JsonNode daily = get("/offers/timeline?bucket=day&offer_id=" + offer + "&from=" + HOUR + "&to="
                + HOUR.plus(Duration.ofDays(2))).json();
        assertThat(daily.path("points").findValues("clicks").stream().mapToLong(JsonNode::asLong).sum())
            .isEqualTo(3);
    }

    @Test
    void aRangeOfTooManyBucketsIsABadRequestProblem() {
        ServiceHttp.Answer response = get("/offers/timeline?bucket=hour&from=2025-01-01T00:00:00Z"
                + "&to=2026-01-01T00:00:00Z");

        assertThat(response.status()).isEqualTo(400);
        assertThat(response.header("Content-Type")).isEqualTo("application/problem+json");
    }

    private Click sendClick(String offer, Instant at) {
        Click click = click(offer, "5").setOccurredAt(at).build();
        kafka.send(Topics.CLICKS.name(), click.getClickId(), click);
        return click;
    }

    private void send(String key, ConversionReported.Builder conversion, Instant at) {
        kafka.send(Topics.CONVERSIONS_REPORTED.name(), key, conversion.setOccurredAt(at).build());
    }

    private ServiceHttp.Answer get(String path) {
        return new ServiceHttp(port, TestInfrastructure.issuer().token(TestIssuer.ANALYST)).get(path);
    }
}
