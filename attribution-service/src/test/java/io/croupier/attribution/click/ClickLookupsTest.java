package io.croupier.attribution.click;

import java.sql.Timestamp;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;

import io.croupier.attribution.AttributionServiceTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

import static io.croupier.attribution.TestEvents.ulid;
import static io.croupier.attribution.TestEvents.unique;
import static org.assertj.core.api.Assertions.assertThat;

/** A poll's clicks read at once answer what reading each alone answers. */
@AttributionServiceTest
class ClickLookupsTest {

    @Autowired
    ClickRepository clicks;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    TransactionTemplate transactions;

    @Test
    void manyClicksAreFoundAtOnceWhateverTheShapeOfTheirIds() {
        Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        String madeByClickService = ulid(now);
        String ofAnotherShape = unique("click");
        String yesterdays = ulid(now.minus(1, ChronoUnit.DAYS));
        String notStored = ulid(now);
        store(madeByClickService, now);
        store(ofAnotherShape, now.minusSeconds(30));
        store(yesterdays, now.minus(1, ChronoUnit.DAYS));

        Map<String, StoredClick> found = clicks
            .findAll(List.of(madeByClickService, ofAnotherShape, yesterdays, notStored, madeByClickService));

        assertThat(found).containsOnlyKeys(madeByClickService, ofAnotherShape, yesterdays);
        found.forEach((clickId, click) -> assertThat(click).isEqualTo(clicks.find(clickId).orElseThrow()));
        assertThat(found.get(yesterdays).occurredAt()).isEqualTo(now.minus(1, ChronoUnit.DAYS));
    }

    @Test
    void clicksReadAtTheirTimeAreEachReadInTheirDaysPartitionOnly() {
        Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        String today = ulid(now);
        String yesterday = ulid(now.minus(1, ChronoUnit.DAYS));
        store(today, now);
        store(yesterday, now.minus(1, ChronoUnit.DAYS));

        // Planned as on a table of real size: the few test rows would otherwise be hashed, whole partitions at a time.
        String plan = transactions.execute(status -> {
            jdbc.sql("set local enable_seqscan = off").update();
            jdbc.sql("set local enable_hashjoin = off").update();
            jdbc.sql("set local enable_mergejoin = off").update();
            return String.join("\n", jdbc.sql("explain (analyze, costs off, timing off, summary off) "
                    + ClickRepository.AT_THEIR_TIME)
                .param(new String[] { today, yesterday })
                .param(new String[] { now.toString(), now.minus(1, ChronoUnit.DAYS).toString() })
                .query(String.class)
                .list());
        });

        // Every day kept has a partition in the plan; all but the two days asked for are pruned as the look-ups run.
        assertThat(plan.lines().filter(line -> line.contains(" on clicks_p"))).as(plan).hasSizeGreaterThan(10);
        assertThat(plan.lines().filter(line -> line.contains(" on clicks_p") && !line.contains("never executed")))
            .as(plan)
            .hasSize(2);
    }

    private void store(String clickId, Instant at) {
        jdbc.sql("insert into clicks (click_id, offer_id, publisher_id, occurred_at) values (?, ?, 'p1', ?)")
            .params(clickId, unique("offer"), Timestamp.from(at))
            .update();
    }
}
