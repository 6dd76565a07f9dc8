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

    private void store(String clickId, Instant at) {
        jdbc.sql("insert into clicks (click_id, offer_id, publisher_id, occurred_at) values (?, ?, 'p1', ?)")
            .params(clickId, unique("offer"), Timestamp.from(at))
            .update();
    }
}
