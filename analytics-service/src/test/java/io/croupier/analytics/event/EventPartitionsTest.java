package io.croupier.analytics.event;

import java.time.Duration;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneOffset;

import io.croupier.analytics.AnalyticsServiceTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;

/** Player events live in monthly partitions, from the retention horizon (730 days) to two months ahead, no older. */
@AnalyticsServiceTest
class EventPartitionsTest {

    @Autowired
    EventPartitions partitions;

    @Autowired
    JdbcClient jdbc;

    @Test
    void everyMonthFromTheRetentionHorizonToTwoMonthsAheadHasAPartitionAndOlderMonthsAreDropped() {
        jdbc.sql("create table player_events_y2001m01 partition of player_events "
                + "for values from ('2001-01-01 00:00:00+00') to ('2001-02-01 00:00:00+00')").update();

        partitions.maintain(Instant.now());

        YearMonth now = YearMonth.now(ZoneOffset.UTC);
        assertThat(partitions.existingMonths()).contains(now, now.plusMonths(2), now.minusMonths(23))
            .doesNotContain(YearMonth.of(2001, 1), now.plusMonths(3));
        YearMonth oldest = partitions.existingMonths().stream().min(YearMonth::compareTo).orElseThrow();
        assertThat(oldest)
            .isEqualTo(YearMonth.from(Instant.now().minus(Duration.ofDays(730)).atOffset(ZoneOffset.UTC)));
    }
}
