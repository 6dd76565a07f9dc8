package io.croupier.commission;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.croupier.commission.ledger.LedgerEntry;
import io.croupier.embedded.ServiceHttp;
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
    void aClickLeadsToEveryEntryItCausedWithTheNetAmountsPerCurrency() {
        JsonNode trace = get("/ledger/trace?click_id=" + click, null).json();

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
    void aTransactionIdLeadsToTheEntriesOfThatTransactionOnly() {
        JsonNode trace = get("/ledger/trace?transaction_id=" + transaction, null).json();

        assertThat(ids(trace)).containsExactly(caused.get(0).entryId());
    }

    @Test
    void anotherPublisherTracingTheClickFindsNothingOfIt() {
        assertThat(ids(get("/ledger/trace?click_id=" + click, uniqueId("other")).json())).isEmpty();
        assertThat(ids(get("/ledger/trace?click_id=" + click, publisher).json()))
            .hasSameSizeAs(caused);
    }

    @Test
    void neitherOrBothIdsIsABadRequestProblem() {
        assertThat(get("/ledger/trace", null).status()).isEqualTo(400);
        ServiceHttp.Answer both = get("/ledger/trace?click_id=" + click + "&transaction_id=" + transaction, null);
        assertThat(both.status()).isEqualTo(400);
        assertThat(both.header("Content-Type")).isEqualTo("application/problem+json");
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
    private ServiceHttp.Answer get(String path, String publisherId) {
        TestIssuer issuer = TestInfrastructure.issuer();
        String token = publisherId == null ? issuer.token(TestIssuer.ANALYST) : issuer.publisherToken(publisherId);
        return new ServiceHttp(port, token).get(path);
    }
}
