package io.croupier.commission;

import java.math.BigDecimal;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.croupier.commission.ledger.LedgerEntry;
import io.croupier.embedded.TestInfrastructure;
import io.croupier.embedded.TestIssuer;
import io.croupier.events.AttributedConversion;
import io.croupier.events.ConversionKind;
import io.croupier.events.ConversionStatus;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static io.croupier.commission.Events.attributed;
import static io.croupier.commission.Events.deal;
import static io.croupier.commission.Events.money;
import static io.croupier.commission.Events.reported;
import static io.croupier.commission.Events.share;
import static io.croupier.commission.Events.uniqueId;
import static org.assertj.core.api.Assertions.assertThat;

/** {@code GET /ledger/trace}: from a click or a transaction id to every entry it caused, and nobody else's. */
@CommissionServiceTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class LedgerTraceTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @LocalServerPort
    int port;

    @Autowired
    Driver driver;

    String publisher;

    String click;

    String transaction;

    List<LedgerEntry> caused;

    @BeforeAll
    void oneClickWithTwoPaidConversionsAndAnotherClick() {
        String offer = driver.offer(uniqueId("offer"), deal(1, Instant.parse("2020-01-01T00:00:00Z"), "USD").build());
        publisher = driver.publisher(uniqueId("pub"), false, share("80"), Map.of());
        click = uniqueId("click");
        transaction = uniqueId("txn");
        caused = new ArrayList<>();
        caused.addAll(driver.process(conversion(offer, click, transaction, "10.00")));
        caused.addAll(driver.process(conversion(offer, click, uniqueId("txn"), "4.50")));
        driver.process(conversion(offer, uniqueId("click"), uniqueId("txn"), "99.00"));
    }

    @Test
    void aClickLeadsToEveryEntryItCausedWithTheNetAmountsPerCurrency() throws Exception {
        JsonNode trace = JSON.readTree(get("/ledger/trace?click_id=" + click, null).body());

        assertThat(ids(trace)).containsExactlyElementsOf(caused.stream().map(LedgerEntry::entryId).toList());
        assertThat(trace.at("/revenue/0/currency").asString()).isEqualTo("USD");
        assertThat(new BigDecimal(trace.at("/revenue/0/amount").asString())).isEqualByComparingTo(
                caused.stream().map(entry -> entry.revenue().value()).reduce(BigDecimal.ZERO, BigDecimal::add));
        assertThat(new BigDecimal(trace.at("/publisher_payout/0/amount").asString())).isEqualByComparingTo(
                caused.stream().map(entry -> entry.publisherPayout().value())
                    .reduce(BigDecimal.ZERO, BigDecimal::add));
        assertThat(trace.at("/entries/0/rule").asString()).isEqualTo(caused.get(0).rule());
    }

    @Test
    void aTransactionIdLeadsToTheEntriesOfThatTransactionOnly() throws Exception {
        JsonNode trace = JSON.readTree(get("/ledger/trace?transaction_id=" + transaction, null).body());

        assertThat(ids(trace)).containsExactly(caused.get(0).entryId());
    }

    @Test
    void anotherPublisherTracingTheClickFindsNothingOfIt() throws Exception {
        assertThat(ids(JSON.readTree(get("/ledger/trace?click_id=" + click, uniqueId("other")).body()))).isEmpty();
        assertThat(ids(JSON.readTree(get("/ledger/trace?click_id=" + click, publisher).body())))
            .hasSameSizeAs(caused);
    }

    @Test
    void neitherOrBothIdsIsABadRequestProblem() throws Exception {
        assertThat(get("/ledger/trace", null).statusCode()).isEqualTo(400);
        HttpResponse<String> both = get("/ledger/trace?click_id=" + click + "&transaction_id=" + transaction, null);
        assertThat(both.statusCode()).isEqualTo(400);
        assertThat(both.headers().firstValue("Content-Type")).hasValue("application/problem+json");
    }

    private AttributedConversion conversion(String offer, String clickId, String transactionId, String payout) {
        return attributed(offer, publisher, reported(ConversionKind.CONVERSION, ConversionStatus.APPROVED)
            .setClickId(clickId)
            .setTransactionId(transactionId)
            .setReportedPayout(money(payout, "USD"))
            .build()).build();
    }

    private static List<String> ids(JsonNode trace) {
        List<String> ids = new ArrayList<>();
        trace.path("entries").forEach(entry -> ids.add(entry.path("entry_id").asString()));
        return ids;
    }

    /** As the publisher {@code publisherId}, or as an analyst when it is null. */
    private HttpResponse<String> get(String path, String publisherId) throws Exception {
        TestIssuer issuer = TestInfrastructure.issuer();
        String token = publisherId == null ? issuer.token(TestIssuer.ANALYST) : issuer.publisherToken(publisherId);
        return HTTP.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
            .header("Authorization", "Bearer " + token)
            .build(), HttpResponse.BodyHandlers.ofString());
    }
}
