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

/** A publisher's token reads its own publisher's money and nothing of another's, by any id or filter. */
@CommissionServiceTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PublisherScopeTest {

    @LocalServerPort
    int port;

    @Autowired
    Driver driver;

    String offer;

    String mine;

    String theirs;

    LedgerEntry myEntry;

    LedgerEntry theirEntry;

    @BeforeAll
    void twoPublishersEachWithAPaidConversion() {
        offer = driver.offer(uniqueId("offer"), deal(1, Instant.parse("2020-01-01T00:00:00Z"), "USD").build());
        mine = driver.publisher(uniqueId("mine"), false, share("80"), Map.of());
        theirs = driver.publisher(uniqueId("theirs"), false, share("80"), Map.of());
        myEntry = driver.main(conversion(mine));
        theirEntry = driver.main(conversion(theirs));
    }

    @Test
    void anotherPublishersLedgerEntryByIdIsNotFoundLikeOneThatDoesNotExist() {
        ServiceHttp.Answer own = get("/ledger/entries/" + myEntry.entryId(), mine);
        ServiceHttp.Answer other = get("/ledger/entries/" + theirEntry.entryId(), mine);
        ServiceHttp.Answer none = get("/ledger/entries/" + uniqueId("none"), mine);

        assertThat(own.status()).isEqualTo(200);
        assertThat(other.status()).isEqualTo(404);
        assertThat(none.status()).isEqualTo(404);
        assertThat(other.body()).doesNotContain(theirs).doesNotContain("publisher_payout");
    }

    @Test
    void searchesAndConversionsAreScopedToTheTokensPublisherWhateverTheQueryAsks() {
        List<String> unfiltered = entryIds(get("/ledger/entries?offer_id=" + offer, mine));
        List<String> askingForTheirs = entryIds(get("/ledger/entries?offer_id=" + offer + "&publisher_id=" + theirs,
                mine));
        JsonNode conversions = get("/conversions?offer_id=" + offer + "&publisher_id=" + theirs, mine)
            .json().get("items");

        assertThat(unfiltered).containsExactly(myEntry.entryId());
        assertThat(askingForTheirs).containsExactly(myEntry.entryId());
        assertThat(conversions.size()).isEqualTo(1);
        assertThat(conversions.get(0).path("entry").path("publisher_id").asString()).isEqualTo(mine);
        assertThat(entryIds(get("/ledger/entries?offer_id=" + offer, null))).as("an analyst sees both")
            .containsExactlyInAnyOrder(myEntry.entryId(), theirEntry.entryId());
    }

    @Test
    void thePublisherReportHoldsOnlyTheTokensPublisher() {
        String today = LocalDate.now(ZoneOffset.UTC).toString();

        JsonNode rows = get("/reports/publishers?from=" + today + "&to=" + today, mine).json();

        assertThat(rows.size()).isEqualTo(1);
        assertThat(rows.get(0).path("id").asString()).isEqualTo(mine);
    }

    @Test
    void operatorOnlyReportsAreForbiddenToPublishers() {
        assertThat(get("/reports/offers", mine).status()).isEqualTo(403);
        assertThat(get("/reports/campaigns", mine).status()).isEqualTo(403);
        assertThat(get("/customers/ltv", mine).status()).isEqualTo(403);
    }

    @Test
    void anotherPublishersOfferwallUserIsNotFound() {
        assertThat(get("/publishers/" + theirs + "/users/anyone/points", mine).status()).isEqualTo(404);
    }

    private AttributedConversion conversion(String publisherId) {
        return attributed(offer, publisherId, reported(ConversionKind.CONVERSION, ConversionStatus.APPROVED)
            .setClickId(uniqueId("click"))
            .setReportedPayout(money("10.00", "USD"))
            .build()).build();
    }

    private List<String> entryIds(ServiceHttp.Answer answer) {
        assertThat(answer.status()).as(answer.body()).isEqualTo(200);
        List<String> ids = new ArrayList<>();
        answer.json().get("items").forEach(entry -> ids.add(entry.path("entry_id").asString()));
        return ids;
    }

    /** As the publisher {@code publisherId}, or as an analyst when it is null. */
    private ServiceHttp.Answer get(String path, String publisherId) {
        TestIssuer issuer = TestInfrastructure.issuer();
        String token = publisherId == null ? issuer.token(TestIssuer.ANALYST) : issuer.publisherToken(publisherId);
        return new ServiceHttp(port, token).get(path);
    }
}
