package io.croupier.commission;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;

import io.croupier.commission.ledger.LedgerEntry;
import io.croupier.embedded.ServiceHttp;
import io.croupier.embedded.TestInfrastructure;
import io.croupier.embedded.TestIssuer;
import io.croupier.events.ConversionKind;
import io.croupier.events.ConversionStatus;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;

import static io.croupier.commission.Events.attributed;
import static io.croupier.commission.Events.deal;
import static io.croupier.commission.Events.money;
import static io.croupier.commission.Events.reported;
import static io.croupier.commission.Events.share;
import static io.croupier.commission.Events.uniqueId;
import static org.assertj.core.api.Assertions.assertThat;

/** {@code GET /reports/timeline}: the ledger's revenue and payouts per currency, per UTC hour. */
@CommissionServiceTest
class RevenueTimelineTest {

    /** An hour long past, which no other test writes entries in. */
    private static final Instant HOUR = Instant.now().truncatedTo(ChronoUnit.HOURS).minus(Duration.ofHours(777));

    @LocalServerPort
    int port;

    @Autowired
    Driver driver;

    @Test
    void eachHoursEntriesAreSummedPerCurrencyAndEmptyHoursAnsweredToo() {
        String offer = driver.offer(uniqueId("offer"), deal(1, Instant.parse("2020-01-01T00:00:00Z"), "EUR").build());
        String publisher = driver.publisher(uniqueId("pub"), false, share("50"), Map.of());
        LedgerEntry first = entry(offer, publisher, "12.00", HOUR.plusSeconds(60));
        LedgerEntry second = entry(offer, publisher, "3.50", HOUR.plusSeconds(1800));
        LedgerEntry later = entry(offer, publisher, "1.25", HOUR.plus(Duration.ofHours(2)));

        JsonNode timeline = get("/reports/timeline?bucket=hour&from=" + HOUR + "&to="
                + HOUR.plus(Duration.ofHours(3)));

        JsonNode points = timeline.path("points");
        assertThat(points.size()).isEqualTo(3);
        assertThat(points.at("/0/at").asString()).isEqualTo(HOUR.toString());
        assertThat(amount(points.get(0), "revenue")).isEqualByComparingTo(
                first.revenue().value().add(second.revenue().value()));
        assertThat(amount(points.get(0), "publisher_payout")).isEqualByComparingTo(
                first.publisherPayout().value().add(second.publisherPayout().value()));
        assertThat(points.at("/0/revenue/0/currency").asString()).isEqualTo("EUR");
        assertThat(points.at("/1/revenue").size()).isZero();
        assertThat(amount(points.get(2), "revenue")).isEqualByComparingTo(later.revenue().value());
    }

    @Test
    void aPublishersTimelineHoldsOnlyItsEntriesAndAPublisherGetsOnlyItsOwn() {
        Instant hour = HOUR.minus(Duration.ofHours(24));
        String offer = driver.offer(uniqueId("offer"), deal(1, Instant.parse("2020-01-01T00:00:00Z"), "EUR").build());
        String mine = driver.publisher(uniqueId("mine"), false, share("50"), Map.of());
        String theirs = driver.publisher(uniqueId("theirs"), false, share("50"), Map.of());
        LedgerEntry myEntry = entry(offer, mine, "10.00", hour.plusSeconds(60));
        LedgerEntry theirEntry = entry(offer, theirs, "7.00", hour.plusSeconds(120));
        String range = "/reports/timeline?bucket=hour&from=" + hour + "&to=" + hour.plus(Duration.ofHours(1));

        JsonNode operatorAskingForMine = get(range + "&publisher_id=" + mine);
        JsonNode everyone = get(range);
        JsonNode myTokenAskingForTheirs = get(range + "&publisher_id=" + theirs,
                TestInfrastructure.issuer().publisherToken(mine));

        assertThat(amount(operatorAskingForMine.at("/points/0"), "publisher_payout"))
            .isEqualByComparingTo(myEntry.publisherPayout().value());
        assertThat(amount(everyone.at("/points/0"), "publisher_payout"))
            .isEqualByComparingTo(myEntry.publisherPayout().value().add(theirEntry.publisherPayout().value()));
        assertThat(myTokenAskingForTheirs.path("publisher_id").asString()).isEqualTo(mine);
        assertThat(amount(myTokenAskingForTheirs.at("/points/0"), "publisher_payout"))
            .as("its own earnings, nothing of the other's").isEqualByComparingTo(myEntry.publisherPayout().value());
    }

    @Test
    void aRangeOfTooManyHoursIsABadRequestProblem() {
        assertThat(new ServiceHttp(port, TestInfrastructure.issuer().token(TestIssuer.ANALYST))
            .get("/reports/timeline?bucket=hour&from=2020-01-01T00:00:00Z&to=2021-01-01T00:00:00Z").status())
            .isEqualTo(400);
    }

    private LedgerEntry entry(String offer, String publisher, String payout, Instant at) {
        List<LedgerEntry> entries = driver.process(attributed(offer, publisher,
                reported(ConversionKind.CONVERSION, ConversionStatus.APPROVED)
                    .setClickId(uniqueId("click"))
                    .setReportedPayout(money(payout, "EUR"))
                    .setOccurredAt(at)
                    .build()).build());
        assertThat(entries).hasSize(1);
        assertThat(entries.get(0).revenue().value()).isPositive();
        return entries.get(0);
    }

    private static BigDecimal amount(JsonNode point, String field) {
        return new BigDecimal(point.path(field).get(0).path("amount").asString());
    }

    private JsonNode get(String path) {
        return get(path, TestInfrastructure.issuer().token(TestIssuer.ANALYST));
    }

    private JsonNode get(String path, String token) {
        ServiceHttp.Answer answer = new ServiceHttp(port, token).get(path);
        assertThat(answer.status()).as(answer.body()).isEqualTo(200);
        return answer.json();
    }
}
