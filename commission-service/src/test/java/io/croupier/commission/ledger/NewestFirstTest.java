package io.croupier.commission.ledger;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.croupier.commission.CommissionServiceTest;
import io.croupier.commission.Driver;
import io.croupier.embedded.ServiceHttp;
import io.croupier.embedded.TestInfrastructure;
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

/**
 * {@code newest_first=true} on the ledger and the conversions, as a publisher's latest conversions and the ledger
 * explorer read them: the last written first, page after page, each entry once.
 */
@CommissionServiceTest
class NewestFirstTest {

    @LocalServerPort
    int port;

    @Autowired
    Driver driver;

    @Test
    void aPublishersConversionsAndEntriesComeTheLastWrittenFirstEachOnce() {
        String offer = driver.offer(uniqueId("offer"), deal(1, Instant.parse("2020-01-01T00:00:00Z"), "USD").build());
        String publisher = driver.publisher(uniqueId("publisher"), false, share("80"), Map.of());
        List<String> written = new ArrayList<>();
        List<String> lastWrittenFirst = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            written.add(driver.main(attributed(offer, publisher, reported(ConversionKind.CONVERSION,
                    ConversionStatus.APPROVED).setClickId(uniqueId("click")).setReportedPayout(money("1" + i, "USD"))
                .build()).build()).entryId());
            lastWrittenFirst.add(0, written.get(i));
        }
        ServiceHttp asPublisher = new ServiceHttp(port, TestInfrastructure.issuer().publisherToken(publisher));

        List<JsonNode> conversions = walk(asPublisher, "/conversions?newest_first=true&limit=2");
        List<JsonNode> entries = walk(asPublisher, "/ledger/entries?newest_first=true&limit=2&offer_id=" + offer);
        List<JsonNode> inLedgerOrder = walk(asPublisher, "/ledger/entries?limit=2&offer_id=" + offer);

        assertThat(conversions).extracting(conversion -> conversion.path("entry").path("entry_id").asString())
            .containsExactlyElementsOf(lastWrittenFirst);
        assertThat(entries).extracting(entry -> entry.path("entry_id").asString())
            .containsExactlyElementsOf(lastWrittenFirst);
        assertThat(inLedgerOrder).extracting(entry -> entry.path("entry_id").asString())
            .containsExactlyElementsOf(written);
    }

    private static List<JsonNode> walk(ServiceHttp http, String firstPage) {
        List<JsonNode> items = new ArrayList<>();
        String cursor = null;
        do {
            ServiceHttp.Answer answer = http.get(firstPage + (cursor == null ? "" : "&cursor=" + cursor));
            assertThat(answer.status()).as(answer.body()).isEqualTo(200);
            JsonNode page = answer.json();
            page.path("items").forEach(items::add);
            cursor = page.path("next_cursor").isNull() ? null : page.path("next_cursor").asString();
        }
        while (cursor != null);
        return items;
    }
}
