package io.croupier.commission;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.croupier.commission.ledger.LedgerEntry;
import io.croupier.embedded.ServiceHttp;
import io.croupier.embedded.TestInfrastructure;
import io.croupier.embedded.TestIssuer;
import io.croupier.events.AttributedConversion;
import io.croupier.events.AttributionMethod;
import io.croupier.events.ConversionStatus;
import io.croupier.events.GuessedLinkPolicy;
import io.croupier.events.LedgerEntryRecorded;
import io.croupier.events.PayoutDue;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;

import static io.croupier.commission.Events.deal;
import static io.croupier.commission.Events.money;
import static io.croupier.commission.Events.share;
import static io.croupier.commission.Events.uniqueId;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Money on a guessed link (a fallback match, or a player link one made): every entry says how its conversion was
 * attributed, and the deal decides whether the publisher is paid, held for an operator's confirmation, or not paid.
 */
@CommissionServiceTest
class GuessedLinksTest {

    private static final Instant LONG_AGO = Instant.parse("2020-01-01T00:00:00Z");

    @LocalServerPort
    int port;

    @Autowired
    Driver driver;

    @Test
    void underPayAGuessIsPaidAsSeed004Scenario6SaysAndTheLedgerSaysItWasAGuess() {
        String offer = offer(GuessedLinkPolicy.PAY);
        String publisher = driver.publisher(uniqueId("pub"), false, share("80"), Map.of());

        LedgerEntry entry = driver.main(guessed(offer, publisher, ConversionStatus.APPROVED, uniqueId("TXN")));

        assertThat(entry.publisherPayout()).hasToString("5.60 USD");
        assertThat(entry.heldPayout()).isNull();
        assertThat(entry.attribution().method()).isEqualTo(AttributionMethod.FALLBACK);
        assertThat(entry.attribution().guessed()).isTrue();
        assertThat(entry.attribution().warning()).contains("no click_id");
        LedgerEntryRecorded recorded = awaitLedgerEvent(entry);
        assertThat(recorded.getGuessedLink()).isTrue();
        assertThat(recorded.getAttributionMethod()).isEqualTo(AttributionMethod.FALLBACK);
        assertThat(awaitPayouts(publisher, 1).get(0).getPayout()).isEqualTo(money("5.60", "USD"));
    }

    @Test
    void heldPayoutsArePagedOldestFirstByTheirCursor() {
        String offer = offer(GuessedLinkPolicy.HOLD);
        String publisher = driver.publisher(uniqueId("pub"), true, share("80"), Map.of());
        List<String> held = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            held.add(driver.main(guessed(offer, publisher, ConversionStatus.APPROVED, uniqueId("TXN"))).entryId());
        }

        List<JsonNode> pages = manager().everyPage("/ledger/held?limit=2&publisher_id=" + publisher);

        assertThat(pages).hasSize(2);
        assertThat(entryIds(pages.get(0))).containsExactly(held.get(0), held.get(1));
        assertThat(entryIds(pages.get(1))).containsExactly(held.get(2));
        ServiceHttp.Answer notOurs = manager().get("/ledger/held?cursor=yesterday");
        assertThat(notOurs.status()).isEqualTo(400);
        assertThat(notOurs.header("Content-Type")).isEqualTo("application/problem+json");
        assertThat(manager().get("/ledger/held?limit=0").status()).isEqualTo(400);
    }

    private static List<String> entryIds(JsonNode page) {
        return page.path("items").valueStream().map(entry -> entry.path("entry_id").asString()).toList();
    }

    @Test
    void guessedLinkConfirmedUnderHoldIsTheOnlyWayThePublisherIsPaidAndTheOnlyPayoutForwarded() {
        String offer = offer(GuessedLinkPolicy.HOLD);
        String publisher = driver.publisher(uniqueId("pub"), true, share("80"), Map.of());

        LedgerEntry held = driver.main(guessed(offer, publisher, ConversionStatus.APPROVED, uniqueId("TXN")));
        JsonNode waiting = get("/ledger/held?publisher_id=" + publisher).path("items");

        assertThat(held.revenue()).as("the casino still pays Croupier").hasToString("7.00 USD");
        assertThat(held.publisherPayout().isZero()).isTrue();
        assertThat(held.heldPayout()).hasToString("5.60 USD");
        assertThat(held.inputs()).containsEntry("guessed_link_policy", "HOLD");
        assertThat(waiting.size()).isEqualTo(1);
        assertThat(waiting.get(0).get("entry_id").asString()).isEqualTo(held.entryId());
        assertThat(waiting.get(0).get("attribution").get("warning").asString()).contains("no click_id");

        ServiceHttp.Answer confirmed = post("/ledger/entries/" + held.entryId() + "/confirm");
        ServiceHttp.Answer confirmedAgain = post("/ledger/entries/" + held.entryId() + "/confirm");
        ServiceHttp.Answer rejectedAfter = post("/ledger/entries/" + held.entryId() + "/reject");

        assertThat(confirmed.status()).as(confirmed.body()).isEqualTo(200);
        JsonNode confirmation = confirmed.json();
        assertThat(confirmation.get("rule").asString()).isEqualTo("GUESSED_LINK_CONFIRMED");
        assertThat(confirmation.get("resolves").asString()).isEqualTo(held.entryId());
        assertThat(confirmation.get("publisher_payout").get("amount").asString()).isEqualTo("5.60");
        assertThat(confirmation.get("revenue").get("amount").asString()).isEqualTo("0.00");
        assertThat(confirmedAgain.json().get("entry_id").asString()).as("the same decision again")
            .isEqualTo(confirmation.get("entry_id").asString());
        assertThat(rejectedAfter.status()).isEqualTo(409);
        PayoutDue payout = awaitPayouts(publisher, 1).get(0);
        assertThat(payout.getEventId()).isEqualTo("payout:" + confirmation.get("entry_id").asString());
        assertThat(payout.getPayout()).isEqualTo(money("5.60", "USD"));
        assertThat(get("/ledger/held?publisher_id=" + publisher).path("items").size()).isZero();
        assertThat(get("/publishers/" + publisher + "/users/end-user/points").get("points").decimalValue())
            .isEqualByComparingTo("5.60");
        JsonNode conversion = get("/conversions?publisher_id=" + publisher).get("items").get(0);
        assertThat(conversion.get("decisions").size()).isEqualTo(1);
        assertThat(conversion.get("net_publisher_payout").get("amount").asString()).isEqualTo("5.60");
    }

    @Test
    void guessedLinkRejectedUnderHoldPaysNothingAndForwardsNothing() {
        String offer = offer(GuessedLinkPolicy.HOLD);
        String publisher = driver.publisher(uniqueId("pub"), false, share("80"), Map.of());
        LedgerEntry held = driver.main(guessed(offer, publisher, ConversionStatus.APPROVED, uniqueId("TXN")));

        ServiceHttp.Answer rejected = post("/ledger/entries/" + held.entryId() + "/reject");
        LedgerEntry marker = driver.main(SeedWorkedExamplesTest.partnerEvent(offer, publisher,
                ConversionStatus.APPROVED, "1.00", uniqueId("CLK"), uniqueId("TXN"), null));

        assertThat(rejected.status()).as(rejected.body()).isEqualTo(200);
        assertThat(rejected.json().get("rule").asString()).isEqualTo("GUESSED_LINK_REJECTED");
        assertThat(rejected.json().get("publisher_payout").get("amount").asString())
            .isEqualTo("0.00");
        assertThat(awaitPayouts(publisher, 1)).extracting(PayoutDue::getEventId)
            .as("only the marker, a certain conversion").containsExactly("payout:" + marker.entryId());
    }

    @Test
    void whenTheCasinoRejectsAConfirmedGuessTheConfirmedPayoutIsTakenBackToo() {
        String offer = offer(GuessedLinkPolicy.HOLD);
        String publisher = driver.publisher(uniqueId("pub"), false, share("80"), Map.of());
        String transaction = uniqueId("TXN");
        LedgerEntry held = driver.main(guessed(offer, publisher, ConversionStatus.APPROVED, transaction));
        post("/ledger/entries/" + held.entryId() + "/confirm");

        List<LedgerEntry> rejection = driver.process(guessed(offer, publisher, ConversionStatus.REJECTED,
                transaction));

        assertThat(rejection).extracting(LedgerEntry::rule).containsExactly("REJECTED", "CLAWBACK", "CLAWBACK");
        assertThat(rejection.get(1).reverses()).isEqualTo(held.entryId());
        assertThat(rejection.get(2).publisherPayout()).hasToString("-5.60 USD");
        assertThat(awaitPayouts(publisher, 3)).extracting(payout -> payout.getPayout().getAmount())
            .containsExactly("5.60", "0.00", "-5.60");
        assertThat(post("/ledger/entries/" + held.entryId() + "/reject").status()).isEqualTo(409);
    }

    @Test
    void underDontPayTheRevenueIsRecordedAndThePublisherIsNotPaid() {
        String offer = offer(GuessedLinkPolicy.DONT_PAY);
        String publisher = driver.publisher(uniqueId("pub"), false, share("80"), Map.of());

        LedgerEntry entry = driver.main(guessed(offer, publisher, ConversionStatus.APPROVED, uniqueId("TXN")));
        LedgerEntry certain = driver.main(SeedWorkedExamplesTest.partnerEvent(offer, publisher,
                ConversionStatus.APPROVED, "7.00", uniqueId("CLK"), uniqueId("TXN"), null));
        String today = LocalDate.now(ZoneOffset.UTC).toString();
        JsonNode totals = get("/reports/publishers?from=" + today + "&to=" + today);

        assertThat(entry.revenue()).hasToString("7.00 USD");
        assertThat(entry.publisherPayout().isZero()).isTrue();
        assertThat(entry.heldPayout()).isNull();
        assertThat(entry.inputs()).containsEntry("withheld_payout", "5.60 USD");
        assertThat(certain.publisherPayout()).as("a certain link is paid whatever the policy").hasToString("5.60 USD");
        assertThat(awaitPayouts(publisher, 1)).extracting(PayoutDue::getEventId)
            .containsExactly("payout:" + certain.entryId());
        JsonNode row = find(totals, publisher);
        assertThat(row.get("guessed_conversions").asLong()).isEqualTo(1);
        assertThat(row.get("publisher_payout").get("amount").asString()).isEqualTo("5.60");
    }

    @Test
    void reportsShowGuessedConversionsAndThePayoutsWaitingForADecision() {
        String offer = offer(GuessedLinkPolicy.HOLD);
        String publisher = driver.publisher(uniqueId("pub"), false, share("80"), Map.of());
        driver.main(guessed(offer, publisher, ConversionStatus.APPROVED, uniqueId("TXN")));
        String today = LocalDate.now(ZoneOffset.UTC).toString();

        JsonNode row = find(get("/reports/publishers?from=" + today + "&to=" + today), publisher);

        assertThat(row.get("guessed_conversions").asLong()).isEqualTo(1);
        assertThat(row.get("held_payout").get("amount").asString()).isEqualTo("5.60");
        assertThat(row.get("publisher_payout").get("amount").asString()).isEqualTo("0.00");
    }

    private String offer(GuessedLinkPolicy policy) {
        return driver.offer(uniqueId("offer"), deal(1, LONG_AGO, "USD").setGuessedLinks(policy).build());
    }

    /** Seed 004 scenario 6: no click id, matched to the offer's most recent click by the fallback. */
    private static AttributedConversion guessed(String offer, String publisher, ConversionStatus status,
            String transaction) {
        AttributedConversion conversion = SeedWorkedExamplesTest.partnerEvent(offer, publisher, status, "7.00",
                uniqueId("CLK-FALLBACK"), transaction, "end-user");
        conversion.getConversion().setClickId(null);
        conversion.setMethod(AttributionMethod.FALLBACK);
        conversion.setGuessed(true);
        conversion.setWarning("no click_id: matched the most recent click " + conversion.getClickId());
        return conversion;
    }

    private LedgerEntryRecorded awaitLedgerEvent(LedgerEntry entry) {
        await().atMost(Duration.ofSeconds(20))
            .until(() -> !driver.announcedEntriesOf(entry.inputEventId()).isEmpty());
        return driver.announcedEntriesOf(entry.inputEventId()).get(0);
    }

    private List<PayoutDue> awaitPayouts(String publisherId, int count) {
        await().atMost(Duration.ofSeconds(20)).until(() -> driver.payoutsTo(publisherId).size() >= count);
        return driver.payoutsTo(publisherId);
    }

    private static JsonNode find(JsonNode rows, String id) {
        for (JsonNode row : rows) {
            if (id.equals(row.get("id").asString())) {
                return row;
            }
        }
        throw new AssertionError("no row " + id + " in " + rows);
    }

    private JsonNode get(String path) {
        ServiceHttp.Answer response = manager().get(path);
        assertThat(response.status()).as(response.body()).isEqualTo(200);
        return response.json();
    }

    private ServiceHttp.Answer post(String path) {
        return manager().post(path, null);
    }

    private ServiceHttp manager() {
        return new ServiceHttp(port, TestInfrastructure.issuer().token(TestIssuer.MANAGER));
    }
}
