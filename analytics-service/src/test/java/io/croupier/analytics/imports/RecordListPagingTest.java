package io.croupier.analytics.imports;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;

import io.croupier.analytics.AnalyticsServiceTest;
import io.croupier.embedded.ServiceHttp;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code GET /imports} and {@code GET /pipeline/runs}, the records an operator reads back, newest first, and
 * {@code GET /ad-spend}, the totals by campaign, day and currency: paged by the platform's cursor, each once.
 */
@AnalyticsServiceTest
class RecordListPagingTest {

    private static final String PURCHASES_HEADER =
            "event_time,event_name,event_revenue,event_revenue_currency,customer_user_id,transaction_id,media_source,"
                    + "campaign\n";

    @LocalServerPort
    int port;

    private ServiceHttp api;

    @BeforeEach
    void setUp() {
        api = new ServiceHttp(port, ServiceHttp.manager());
    }

    @Test
    void everyImportIsOnExactlyOnePageNewestFirst() {
        List<Long> newestFirst = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            String run = UUID.randomUUID().toString().substring(0, 8);
            JsonNode report = api.post("/imports/purchases_raw", "text/csv", PURCHASES_HEADER
                    + "2024-06-0%1$dT10:00:00Z,af_purchase,1.00,USD,p-%2$s,T-%2$s,fb,paged\n".formatted(i + 1, run))
                .json();
            newestFirst.add(0, report.path("importId").asLong());
        }

        List<JsonNode> imports = walk("/imports?file=purchases_raw&limit=2");

        assertThat(imports).extracting(report -> report.path("importId").asLong()).doesNotHaveDuplicates()
            .isSortedAccordingTo(Comparator.reverseOrder())
            .filteredOn(newestFirst::contains).containsExactlyElementsOf(newestFirst);
    }

    @Test
    void everyPipelineRunIsOnExactlyOnePageNewestFirst() {
        List<Long> newestFirst = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            JsonNode answer = api.post("/run-pipeline?day=2025-02-1" + i, null).json();
            newestFirst.add(0, answer.path("runs").get(0).path("runId").asLong());
        }

        List<JsonNode> runs = walk("/pipeline/runs?limit=1");

        assertThat(runs).extracting(run -> run.path("runId").asLong()).doesNotHaveDuplicates()
            .isSortedAccordingTo(Comparator.reverseOrder())
            .filteredOn(newestFirst::contains).containsExactlyElementsOf(newestFirst);
    }

    @Test
    void everyDaysSpendIsOnExactlyOnePageByCampaignAndDay() {
        String campaign = "paged-" + UUID.randomUUID().toString().substring(0, 8);
        List<String> days = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            String day = "2026-01-0" + (i + 1);
            for (String currency : List.of("EUR", "USD")) {
                assertThat(api.post("/ad-spend", """
                        {"campaign":"%s","day":"%s","amount":"1%d","currency":"%s"}""".formatted(campaign, day, i,
                        currency)).status()).isEqualTo(200);
                days.add(day + " " + currency);
            }
        }

        List<JsonNode> totals = walk("/ad-spend?campaign=" + campaign + "&limit=3");

        assertThat(totals).extracting(total -> total.path("day").asString() + " " + total.path("currency").asString())
            .containsExactlyElementsOf(days);
    }

    @Test
    void aTamperedCursorOrATooLargeLimitIsABadRequestNamingTheField() {
        for (String list : List.of("/imports", "/pipeline/runs", "/ad-spend")) {
            api.refusesBadPaging(list);
        }
    }

    /** Every page from {@code firstPage} on, in the order the pages came. */
    private List<JsonNode> walk(String firstPage) {
        List<JsonNode> items = new ArrayList<>();
        String cursor = null;
        int pages = 0;
        do {
            ServiceHttp.Answer answer = api.get(firstPage + (cursor == null ? "" : "&cursor=" + cursor));
            assertThat(answer.status()).as(answer.body()).isEqualTo(200);
            JsonNode page = answer.json();
            page.path("items").forEach(items::add);
            cursor = page.path("next_cursor").isNull() ? null : page.path("next_cursor").asString();
            pages++;
        }
        while (cursor != null);
        assertThat(pages).isGreaterThanOrEqualTo(3);
        return items;
    }
}
