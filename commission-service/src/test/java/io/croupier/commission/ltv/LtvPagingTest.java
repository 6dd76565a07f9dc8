package io.croupier.commission.ltv;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import io.croupier.commission.CommissionServiceTest;
import io.croupier.commission.money.Amount;
import io.croupier.embedded.ServiceHttp;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;

import static io.croupier.commission.Events.uniqueId;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code GET /customers/ltv}: the most revenue first, paged by the platform's cursor, each player's row once; a
 * segment's pages hold that segment only, however far apart its players are.
 */
@CommissionServiceTest
class LtvPagingTest {

    @LocalServerPort
    int port;

    @Autowired
    CustomerLtvs ltvs;

    ServiceHttp manager;

    private final Map<String, BigDecimal> revenues = new HashMap<>();

    @BeforeEach
    void client() {
        manager = new ServiceHttp(port, ServiceHttp.manager());
    }

    @Test
    void everyPlayerIsOnExactlyOnePageMostRevenueFirst() {
        String offer = uniqueId("offer");
        for (int i = 0; i < 7; i++) {
            // players 3 and 4 earned the same: the player id orders them, whatever page boundary falls between
            earn(offer, uniqueId("player"), 0, new BigDecimal(i == 4 ? "7003.50" : 7000 + i + ".50"));
        }
        List<String> mostFirst = revenues.keySet().stream()
            .sorted(Comparator.comparing((String player) -> revenues.get(player)).reversed()
                .thenComparing(Comparator.naturalOrder()))
            .toList();

        List<JsonNode> rows = walk("/customers/ltv?limit=3");

        assertThat(rows).extracting(row -> row.path("customer_id").asString() + "/" + row.path("offer_id").asString()
                + "/" + row.path("currency").asString()).doesNotHaveDuplicates();
        assertThat(rows).extracting(row -> new BigDecimal(row.path("total_revenue").path("amount").asString()))
            .isSortedAccordingTo(Comparator.reverseOrder());
        assertThat(rows).extracting(row -> row.path("customer_id").asString()).filteredOn(mostFirst::contains)
            .containsExactlyElementsOf(mostFirst);
    }

    @Test
    void aSegmentsPagesHoldItsPlayersOnlyEachOnce() {
        String offer = uniqueId("offer");
        List<String> regulars = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            String regular = uniqueId("regular");
            earn(offer, regular, 3, new BigDecimal(6000 - i));
            earn(offer, uniqueId("newcomer"), 1, new BigDecimal(6000 - i).subtract(new BigDecimal("0.5")));
            regulars.add(regular);
        }

        List<JsonNode> rows = walk("/customers/ltv?segment=regular&limit=2");

        assertThat(rows).allSatisfy(row -> assertThat(row.path("segment").asString()).isEqualTo("regular"));
        assertThat(rows).extracting(row -> row.path("customer_id").asString()).doesNotHaveDuplicates()
            .filteredOn(regulars::contains).containsExactlyElementsOf(regulars);
    }

    @Test
    void aTamperedCursorOrATooLargeLimitIsABadRequestNamingTheField() {
        manager.refusesBadPaging("/customers/ltv");
    }

    /** Through the repository the ledger listener writes with: a player's deposits, then its revenue. */
    private void earn(String offer, String player, int deposits, BigDecimal revenue) {
        Instant now = Instant.now();
        List<CustomerLtvs.Change> changes = new ArrayList<>();
        if (deposits > 0) {
            changes.add(CustomerLtvs.Change.deposits(offer, player, deposits, new Amount(new BigDecimal("10"), "EUR"),
                    now));
        }
        changes.add(CustomerLtvs.Change.earned(offer, player, new Amount(revenue, "EUR"), now));
        ltvs.apply(changes);
        revenues.put(player, revenue);
    }

    /** Every page from {@code firstPage} on, in the order the pages came. */
    private List<JsonNode> walk(String firstPage) {
        List<JsonNode> rows = new ArrayList<>();
        String cursor = null;
        int pages = 0;
        do {
            ServiceHttp.Answer answer = manager.get(firstPage + (cursor == null ? "" : "&cursor=" + cursor));
            assertThat(answer.status()).as(answer.body()).isEqualTo(200);
            JsonNode page = answer.json();
            page.path("items").forEach(rows::add);
            cursor = page.path("next_cursor").isNull() ? null : page.path("next_cursor").asString();
            pages++;
        }
        while (cursor != null);
        assertThat(pages).isGreaterThanOrEqualTo(3);
        return rows;
    }
}
