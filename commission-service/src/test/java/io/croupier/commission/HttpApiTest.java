package io.croupier.commission;

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
import io.croupier.events.ConversionKind;
import io.croupier.events.ConversionStatus;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;

import static io.croupier.commission.CommissionFlowTest.player;
import static io.croupier.commission.Events.deal;
import static io.croupier.commission.Events.share;
import static io.croupier.commission.Events.uniqueId;
import static org.assertj.core.api.Assertions.assertThat;

/** LTV, reports (with the ad spend replica) and the ledger over HTTP, and bad input answered as RFC 9457 problems. */
@CommissionServiceTest
class HttpApiTest {

    @LocalServerPort
    int port;

    @Autowired
    Driver driver;

    @Test
    void customerLtvTotalsDepositsAndRevenuePerPlayerWithSegmentAndPredictedValue() {
        String offer = cpaOffer();
        String regular = uniqueId("player");
        String whale = uniqueId("player");
        driver.process(player(offer, regular, ConversionKind.REGISTRATION, null, null, null));
        driver.process(player(offer, regular, ConversionKind.FTD, "100.00", true, uniqueId("tx")));
        driver.process(player(offer, regular, ConversionKind.DEPOSIT, "50.00", false, uniqueId("tx")));
        driver.process(player(offer, whale, ConversionKind.FTD, "6000.00", true, uniqueId("tx")));

        JsonNode ltv = get("/customers/" + regular + "/ltv").get(0);
        JsonNode whaleLtv = get("/customers/" + whale + "/ltv").get(0);

        assertThat(ltv.get("customer_id").asString()).isEqualTo(regular);
        assertThat(ltv.get("deposit_count").asInt()).isEqualTo(2);
        assertThat(ltv.get("total_deposits").get("amount").asString()).isEqualTo("150.00");
        assertThat(ltv.get("total_revenue").get("amount").asString()).isEqualTo("150.00");
        assertThat(ltv.get("segment").asString()).isEqualTo("regular");
        assertThat(ltv.get("predicted_value").get("amount").asString()).isEqualTo("300.00");
        assertThat(whaleLtv.get("segment").asString()).isEqualTo("high_value");
        assertThat(whaleLtv.get("total_revenue").get("amount").asString()).isEqualTo("0.00");
    }

    @Test
    void cpaIsAdSpendDividedByFirstDepositsAndRoasIsRevenueDividedByAdSpendPerCampaign() {
        String offer = cpaOffer();
        String campaign = "campaign-" + offer;
        String today = LocalDate.now(ZoneOffset.UTC).toString();
        for (String playerId : new String[] { uniqueId("player"), uniqueId("player") }) {
            driver.process(player(offer, playerId, ConversionKind.REGISTRATION, null, null, null));
            driver.process(player(offer, playerId, ConversionKind.FTD, "20.00", true, uniqueId("tx")));
        }

        driver.adSpend(campaign, LocalDate.parse(today), "600", "BRL");
        JsonNode report = find(get("/reports/campaigns?from=" + today + "&to=" + today), "campaign", campaign);
        JsonNode offers = find(get("/reports/offers?from=" + today + "&to=" + today), "id", offer);

        assertThat(report.get("first_deposits").asLong()).isEqualTo(2);
        assertThat(report.get("ad_spend").get("amount").asString()).isEqualTo("600.00");
        assertThat(report.get("revenue").get("amount").asString()).isEqualTo("300.00");
        assertThat(report.get("cpa").get("amount").asString()).isEqualTo("300.00");
        assertThat(report.get("roas").decimalValue()).isEqualByComparingTo("0.5");
        assertThat(offers.get("entries").asLong()).isEqualTo(4);
        assertThat(offers.get("paid_conversions").asLong()).isEqualTo(2);
        assertThat(offers.get("revenue").get("amount").asString()).isEqualTo("300.00");
    }

    @Test
    void everyLedgerEntryExplainsItselfOverHttp() {
        String offer = cpaOffer();
        String playerId = uniqueId("player");
        driver.process(player(offer, playerId, ConversionKind.REGISTRATION, null, null, null));
        LedgerEntry ftd = driver.main(player(offer, playerId, ConversionKind.FTD, "20.00", true, uniqueId("tx")));

        JsonNode entry = get("/ledger/entries/" + ftd.entryId());
        JsonNode conversions = get("/conversions?offer_id=" + offer).get("items");

        assertThat(entry.get("rule").asString()).isEqualTo("CPA_QUALIFIED");
        assertThat(entry.get("deal_version").asInt()).isEqualTo(1);
        assertThat(entry.get("input_event_id").asString()).isEqualTo(ftd.inputEventId());
        assertThat(entry.get("inputs").get("deal_cpa_amount").asString()).isEqualTo("150.00 BRL");
        assertThat(conversions.size()).isEqualTo(2);
        assertThat(conversions.get(1).get("net_revenue").get("amount").asString()).isEqualTo("150.00");
    }

    @Test
    void conversionsShowTheirClawbacksAndPublisherTotalsNetThemOut() {
        String offer = driver.offer(uniqueId("partner"),
                deal(1, Instant.parse("2020-01-01T00:00:00Z"), "USD").build());
        String publisher = driver.publisher(uniqueId("pub"), false, share("80"), Map.of());
        String click = uniqueId("CLK");
        String today = LocalDate.now(ZoneOffset.UTC).toString();
        for (ConversionStatus status : List.of(ConversionStatus.APPROVED, ConversionStatus.REJECTED)) {
            driver.process(SeedWorkedExamplesTest.partnerEvent(offer, publisher, status, "5.00", click, null, null));
        }

        JsonNode conversions = get("/conversions?publisher_id=" + publisher).get("items");
        JsonNode totals = find(get("/reports/publishers?from=" + today + "&to=" + today), "id", publisher);

        assertThat(conversions.size()).isEqualTo(2);
        assertThat(conversions.get(0).get("reversals").size()).isEqualTo(1);
        assertThat(conversions.get(0).get("net_revenue").get("amount").asString()).isEqualTo("0.00");
        assertThat(conversions.get(0).get("net_publisher_payout").get("amount").asString()).isEqualTo("0.00");
        assertThat(totals.get("entries").asLong()).isEqualTo(2);
        assertThat(totals.get("reversals").asLong()).isEqualTo(1);
        assertThat(totals.get("revenue").get("amount").asString()).isEqualTo("0.00");
    }

    @Test
    void moneyInTheJsonIsItsAmountAndCurrencyAndNothingElse() {
        String offer = cpaOffer();
        String playerId = uniqueId("player");
        String campaign = "campaign-" + offer;
        String today = LocalDate.now(ZoneOffset.UTC).toString();
        driver.process(player(offer, playerId, ConversionKind.REGISTRATION, null, null, null));
        LedgerEntry ftd = driver.main(player(offer, playerId, ConversionKind.FTD, "20.00", true, uniqueId("tx")));
        driver.adSpend(campaign, LocalDate.parse(today), "75", "BRL");

        List<JsonNode> answers = List.of(get("/ledger/entries/" + ftd.entryId()),
                get("/ledger/entries?offer_id=" + offer), get("/conversions?offer_id=" + offer),
                get("/customers/" + playerId + "/ltv"), get("/customers/ltv?limit=5"),
                get("/reports/publishers?from=" + today + "&to=" + today),
                get("/reports/offers?from=" + today + "&to=" + today),
                get("/reports/campaigns?from=" + today + "&to=" + today));

        List<JsonNode> amounts = new ArrayList<>();
        answers.forEach(answer -> collectObjectsWith(answer, "amount", amounts));
        assertThat(amounts).hasSizeGreaterThan(10).allSatisfy(money -> {
            assertThat(money.propertyNames()).as(money.toString()).containsExactlyInAnyOrder("amount", "currency");
            assertThat(money.get("currency").asString()).as(money.toString()).matches("[A-Z]{3}");
        });
        assertThat(answers).allSatisfy(answer -> assertThat(answer.toString())
            .doesNotContain("\"positive\"", "\"zero\"", "\"reversal\""));
    }

    @Test
    void ledgerEntriesAndConversionsArePagedByTheirCursor() {
        String offer = cpaOffer();
        List<String> written = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            String playerId = uniqueId("player");
            driver.process(player(offer, playerId, ConversionKind.REGISTRATION, null, null, null));
            written.add(driver.main(player(offer, playerId, ConversionKind.FTD, "20.00", true, uniqueId("tx")))
                .entryId());
        }
        List<String> everyEntry = new ArrayList<>();
        get("/ledger/entries?offer_id=" + offer + "&limit=500").get("items")
            .forEach(entry -> everyEntry.add(entry.get("entry_id").asString()));
        List<JsonNode> entryPages = manager().everyPage("/ledger/entries?offer_id=" + offer + "&limit=2");
        List<String> paged = new ArrayList<>();
        entryPages.forEach(page -> page.get("items").forEach(entry -> paged.add(entry.get("entry_id").asString())));

        assertThat(entryPages).hasSizeGreaterThan(1);
        assertThat(entryPages.get(0).get("items").size()).isEqualTo(2);
        assertThat(everyEntry).containsAll(written);
        assertThat(paged).as("every entry once, in ledger order").containsExactlyElementsOf(everyEntry);

        List<String> conversions = new ArrayList<>();
        List<JsonNode> conversionPages = manager().everyPage("/conversions?offer_id=" + offer + "&limit=2");
        conversionPages.forEach(page -> page.get("items")
            .forEach(conversion -> conversions.add(conversion.get("entry").get("entry_id").asString())));
        assertThat(conversionPages).hasSizeGreaterThan(1);
        assertThat(conversions).doesNotHaveDuplicates().containsAll(written);

        assertProblem(manager().get("/ledger/entries?cursor=%25%25not-ours"), 400);
        assertProblem(manager().get("/conversions?cursor=%25%25not-ours"), 400);
    }

    @Test
    void reportRowsSayWhichCurrenciesTheyAreGroupedBy() {
        String offer = driver.offer(uniqueId("fixed"), deal(1, Instant.parse("2020-01-01T00:00:00Z"), "USD").build());
        String publisher = driver.publisher(uniqueId("pub"), false, Events.fixed("2.00", "EUR"), Map.of());
        String today = LocalDate.now(ZoneOffset.UTC).toString();
        driver.process(SeedWorkedExamplesTest.partnerEvent(offer, publisher, ConversionStatus.APPROVED, "5.00",
                uniqueId("CLK"), null, null));

        for (String report : List.of("/reports/publishers", "/reports/offers")) {
            JsonNode rows = get(report + "?from=" + today + "&to=" + today);
            String id = report.endsWith("publishers") ? publisher : offer;
            JsonNode row = find(rows, "id", id);
            assertThat(row.get("revenue_currency").asString()).as(report).isEqualTo("USD")
                .isEqualTo(row.get("revenue").get("currency").asString());
            assertThat(row.get("payout_currency").asString()).as(report).isEqualTo("EUR")
                .isEqualTo(row.get("publisher_payout").get("currency").asString());
        }
    }

    /** Every object under {@code node} that has {@code field}, at any depth; an entry's inputs are text, not money. */
    private static void collectObjectsWith(JsonNode node, String field, List<JsonNode> found) {
        if (node.isObject() && node.has(field)) {
            found.add(node);
        }
        node.properties().stream()
            .filter(child -> !child.getKey().equals("inputs"))
            .forEach(child -> collectObjectsWith(child.getValue(), field, found));
        if (node.isArray()) {
            node.forEach(child -> collectObjectsWith(child, field, found));
        }
    }

    @Test
    void healthAndApiDocsAreServedWhereThePlatformExpectsThem() {
        for (String path : List.of("/health", "/actuator/health", "/openapi.json", "/docs")) {
            assertThat(manager().get(path).status()).as(path).isIn(200, 302);
        }
    }

    @Test
    void badInputIsAProblemDetailNeverA500() {
        assertProblem(manager().get("/customers/ltv?segment=whale"), 400);
        assertProblem(manager().get("/ledger/entries?limit=0"), 400);
        assertProblem(manager().get("/reports/offers?from=yesterday"), 400);
        assertProblem(manager().get("/reports/offers?from=2026-02-01&to=2026-01-01"), 400);
        assertProblem(manager().get("/ledger/entries/no-such-entry"), 404);
    }

    @Test
    void inputOnlyTheDomainJudgesIsAProblemNamingItsField() {
        assertInvalidField(manager().get("/customers/ltv?segment=whale"), "segment",
                "unknown segment whale, expected one of new_depositor, regular, high_value, no_deposit");
        assertInvalidField(manager().get("/reports/campaigns?from=2026-02-01&to=2026-01-01"), "from",
                "2026-02-01 is after to 2026-01-01");
        assertInvalidField(manager().get("/balance?user_id=u1"), "publisher_id", "is required");
    }

    private static void assertInvalidField(ServiceHttp.Answer response, String field, String message) {
        assertProblem(response, 400);
        JsonNode problem = response.json();
        assertThat(problem.path("title").asString()).isEqualTo("Invalid request");
        assertThat(problem.path("errors").get(0).path("field").asString()).isEqualTo(field);
        assertThat(problem.path("errors").get(0).path("message").asString()).isEqualTo(message);
    }

    private String cpaOffer() {
        return driver.offer(uniqueId("cpa"), deal(1, Instant.parse("2020-01-01T00:00:00Z"), "BRL")
            .setCpaAmount("150")
            .setMinDeposit("10")
            .build());
    }

    private static JsonNode find(JsonNode rows, String field, String value) {
        for (JsonNode row : rows) {
            if (value.equals(row.get(field).asString())) {
                return row;
            }
        }
        throw new AssertionError("no row with " + field + " = " + value + " in " + rows);
    }

    private static void assertProblem(ServiceHttp.Answer response, int status) {
        assertThat(response.status()).as(response.body()).isEqualTo(status);
        assertThat(response.header("Content-Type")).startsWith("application/problem+json");
    }

    private JsonNode get(String path) {
        ServiceHttp.Answer response = manager().get(path);
        assertThat(response.status()).as(response.body()).isEqualTo(200);
        return response.json();
    }

    /** As a manager, who may read all of this. */
    private ServiceHttp manager() {
        return new ServiceHttp(port, TestInfrastructure.issuer().token(TestIssuer.MANAGER));
    }
}
