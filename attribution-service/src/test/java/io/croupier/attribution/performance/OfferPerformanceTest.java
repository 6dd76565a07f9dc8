package io.croupier.attribution.performance;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;

import io.croupier.attribution.AttributionServiceTest;
import io.croupier.embedded.ServiceHttp;
import io.croupier.embedded.TestInfrastructure;
import io.croupier.embedded.TestIssuer;
import io.croupier.events.Click;
import io.croupier.events.ConversionKind;
import io.croupier.events.ConversionReported;
import io.croupier.events.ConversionStatus;
import io.croupier.events.OfferPerformance;
import io.croupier.schemas.Topics;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.kafka.core.KafkaTemplate;
import tools.jackson.databind.JsonNode;

import static io.croupier.attribution.TestEvents.click;
import static io.croupier.attribution.TestEvents.conversion;
import static io.croupier.attribution.TestEvents.latestWindows;
import static io.croupier.attribution.TestEvents.money;
import static io.croupier.attribution.TestEvents.unique;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

@AttributionServiceTest
class OfferPerformanceTest {

    /** A fixed minute in the past, so the whole test lands in one window whatever the wall clock does. */
    private static final Instant WINDOW = Instant.now().truncatedTo(ChronoUnit.MINUTES).minus(Duration.ofHours(2));

    @Autowired
    KafkaTemplate<Object, Object> kafka;

    @LocalServerPort
    int port;

    @Test
    void clicksRegistrationsFirstDepositsAndDepositVolumePerCurrencyArePublishedPerOfferAndWindow() {
        String offer = unique("offer");
        Click first = sendClick(offer);
        Click second = sendClick(offer);
        sendClick(offer);
        String alice = unique("alice");
        String bob = unique("bob");
        send(first.getClickId(), conversion(ConversionKind.REGISTRATION).setClickId(first.getClickId())
            .setPlayerId(alice));
        send(second.getClickId(), conversion(ConversionKind.REGISTRATION).setClickId(second.getClickId())
            .setPlayerId(bob));
        // Alice: the casino flags her first deposit; Bob: his first unflagged deposit is inferred.
        send(offer + ":player:" + alice, conversion(ConversionKind.FTD).setOfferId(offer).setPlayerId(alice)
            .setAmount(money("100.00", "USD")));
        send(offer + ":player:" + alice, conversion(ConversionKind.DEPOSIT).setOfferId(offer).setPlayerId(alice)
            .setFirstDeposit(false).setAmount(money("50.00", "USD")));
        send(offer + ":player:" + bob, conversion(ConversionKind.DEPOSIT).setOfferId(offer).setPlayerId(bob)
            .setAmount(money("30.50", "EUR")));
        send(offer + ":player:" + bob, conversion(ConversionKind.DEPOSIT).setOfferId(offer).setPlayerId(bob)
            .setAmount(money("10", "EUR")));
        // Rejected conversions are attributed but are no part of the funnel.
        send(offer + ":player:" + bob, conversion(ConversionKind.DEPOSIT).setOfferId(offer).setPlayerId(bob)
            .setStatus(ConversionStatus.REJECTED).setAmount(money("999", "EUR")));

        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
            List<OfferPerformance> windows = latestWindows(offer);
            assertThat(windows).hasSize(1);
            OfferPerformance window = windows.get(0);
            assertThat(window.getWindowStart()).isEqualTo(WINDOW);
            assertThat(window.getWindowEnd()).isEqualTo(WINDOW.plus(Duration.ofMinutes(1)));
            assertThat(window.getClicks()).isEqualTo(3);
            assertThat(window.getRegistrations()).isEqualTo(2);
            assertThat(window.getFirstDeposits()).isEqualTo(2);
            // Both came 29 s after their click (clicks at 0:01, deposits at 0:30), Bob's through his player link.
            assertThat(window.getFirstDepositDelays()).containsExactly(29_000L, 29_000L);
            assertThat(window.getEventId()).endsWith(":" + window.getRevision());
            assertThat(window.getDepositVolume()).extracting(money -> money.getCurrency(),
                    money -> new BigDecimal(money.getAmount()).stripTrailingZeros().toPlainString())
                .containsExactly(org.assertj.core.groups.Tuple.tuple("EUR", "40.5"),
                        org.assertj.core.groups.Tuple.tuple("USD", "150"));
        });
    }

    @Test
    void aFirstDepositCarriesItsDelayAfterItsClickInTheWindowOfTheDeposit() {
        String offer = unique("offer");
        Click click = sendClick(offer);
        String dave = unique("dave");
        Instant anHourLater = WINDOW.plus(Duration.ofHours(1)).plusSeconds(1);
        send(click.getClickId(), conversion(ConversionKind.REGISTRATION).setClickId(click.getClickId())
            .setPlayerId(dave));
        kafka.send(Topics.CONVERSIONS_REPORTED.name(), offer + ":player:" + dave, conversion(ConversionKind.FTD)
            .setOfferId(offer).setPlayerId(dave).setOccurredAt(anHourLater).build());
        // Seed 003 names no click: the deposit counts, but has no delay to tell.
        kafka.send(Topics.CONVERSIONS_REPORTED.name(), offer + ":sub:someone", conversion(ConversionKind.FTD)
            .setOfferId(offer).setSubId("someone").setOccurredAt(anHourLater).build());

        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(latestWindows(offer))
            .filteredOn(window -> window.getWindowStart().equals(WINDOW.plus(Duration.ofHours(1))))
            .singleElement()
            .satisfies(deposits -> {
                assertThat(deposits.getFirstDeposits()).isEqualTo(2);
                assertThat(deposits.getFirstDepositDelays()).containsExactly(Duration.ofHours(1).toMillis());
            }));
    }

    @Test
    void theFunnelApiSumsTheWindowsOfATimeRange() {
        String offer = unique("offer");
        Click click = sendClick(offer);
        sendClick(offer);
        String player = unique("carol");
        send(click.getClickId(), conversion(ConversionKind.REGISTRATION).setClickId(click.getClickId())
            .setPlayerId(player));
        send(offer + ":player:" + player, conversion(ConversionKind.DEPOSIT).setOfferId(offer).setPlayerId(player)
            .setFirstDeposit(true).setAmount(money("25.00", "BRL")));
        String range = "?from=" + WINDOW + "&to=" + WINDOW.plus(Duration.ofMinutes(1));

        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
            JsonNode funnel = get("/offers/" + offer + "/funnel" + range).json();
            assertThat(funnel.at("/clicks").asLong()).isEqualTo(2);
            assertThat(funnel.at("/registrations").asLong()).isEqualTo(1);
            assertThat(funnel.at("/first_deposits").asLong()).isEqualTo(1);
            assertThat(funnel.at("/deposit_volume/0/currency").asString()).isEqualTo("BRL");
            assertThat(funnel.at("/deposit_volume/0/amount").decimalValue()).isEqualByComparingTo("25.00");
        });
        String later = "?from=" + WINDOW.plus(Duration.ofMinutes(1)) + "&to=" + WINDOW.plus(Duration.ofMinutes(2));
        assertThat(get("/offers/" + offer + "/funnel" + later).json().at("/clicks")
            .asLong()).isZero();
    }

    @Test
    void aFunnelRangeThatEndsBeforeItStartsIsABadRequestProblem() {
        ServiceHttp.Answer response = get("/offers/1/funnel?from=" + WINDOW + "&to=" + WINDOW.minusSeconds(60));

        assertThat(response.status()).isEqualTo(400);
        assertThat(response.header("Content-Type")).isEqualTo("application/problem+json");
    }

    @Test
    void aFunnelRangeThatIsNoTimeIsABadRequestProblem() {
        ServiceHttp.Answer response = get("/offers/1/funnel?from=yesterday&to=" + WINDOW);

        assertThat(response.status()).isEqualTo(400);
        assertThat(response.header("Content-Type")).isEqualTo("application/problem+json");
    }

    private Click sendClick(String offer) {
        Click click = click(offer, "5").setOccurredAt(WINDOW.plusSeconds(1)).build();
        kafka.send(Topics.CLICKS.name(), click.getClickId(), click);
        return click;
    }

    private void send(String key, ConversionReported.Builder conversion) {
        kafka.send(Topics.CONVERSIONS_REPORTED.name(), key, conversion.setOccurredAt(WINDOW.plusSeconds(30)).build());
    }

    private ServiceHttp.Answer get(String path) {
        return new ServiceHttp(port, TestInfrastructure.issuer().token(TestIssuer.ANALYST)).get(path);
    }
}
