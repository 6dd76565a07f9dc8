package io.croupier.attribution.click;

import java.sql.Timestamp;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import io.croupier.attribution.AttributionServiceTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A publisher's clicks are read through their index, whatever the table's size: the page's query is planned with
 * sequential scans priced out, so the plan names the index only if it matches the query's filter and order.
 */
@AttributionServiceTest
class ClickLookupIndexTest {

    @Autowired
    JdbcClient jdbc;

    @Autowired
    TransactionTemplate transactions;

    @Test
    void aPublishersPageReadsTheClicksByPublisherIndexInItsOrder() {
        Map<String, Object> firstPage = new HashMap<>();
        firstPage.put("publisher", "some-publisher");
        firstPage.put("offer", null);
        firstPage.put("from", null);
        firstPage.put("to", null);
        firstPage.put("afterAt", null);
        firstPage.put("afterId", null);
        firstPage.put("limit", 51);
        Map<String, Object> nextPage = new HashMap<>(firstPage);
        nextPage.put("afterAt", Timestamp.valueOf("2026-01-01 00:00:00"));
        nextPage.put("afterId", "some-click");

        for (Map<String, Object> page : List.of(firstPage, nextPage)) {
            String plan = transactions.execute(status -> {
                jdbc.sql("set local enable_seqscan = off").update();
                return String.join("\n", jdbc.sql("explain " + ClickListController.PAGE)
                    .params(page)
                    .query(String.class)
                    .list());
            });
            // clicks is partitioned by day: each partition's copy of clicks_by_publisher_and_time is named for its
            // columns, and the partitions' ordered scans are merged (Merge Append), never sorted.
            assertThat(plan).contains("publisher_id_occurred_at_click_id_idx")
                .doesNotContainPattern("(?m)^\\s*(->\\s+)?Sort\\s+\\(");
        }
    }
}
