package io.croupier.analytics.event;

import java.time.Duration;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;

import io.croupier.analytics.AnalyticsServiceTest;
import io.croupier.embedded.Partitions;
import io.croupier.runtime.partition.PartitionMaintenance;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;

/** Player events live in monthly partitions, from the retention horizon (730 days) to two months ahead, no older. */
@AnalyticsServiceTest
class EventPartitionsTest {

    private static final DateTimeFormatter MONTH = DateTimeFormatter.ofPattern("yyyyMM");

    @Autowired
    PartitionMaintenance partitions;

    @Autowired
    JdbcClient jdbc;

    @Test
    void everyMonthFromTheRetentionHorizonToTwoMonthsAheadHasAPartitionAndOlderMonthsAreDropped() {
        jdbc.sql("create table player_events_p200101 partition of player_events "
                + "for values from ('2001-01-01 00:00:00+00') to ('2001-02-01 00:00:00+00')").update();

        partitions.maintain(Instant.now());

        YearMonth now = YearMonth.now(ZoneOffset.UTC);
        YearMonth horizon = YearMonth.from(Instant.now().minus(Duration.ofDays(730)).atOffset(ZoneOffset.UTC));
        assertThat(months()).contains(name(now), name(now.plusMonths(2)), name(now.minusMonths(23)))
            .doesNotContain("player_events_p200101", name(now.plusMonths(3)), name(horizon.minusMonths(1)))
            .first()
            .isEqualTo(name(horizon));
    }

    private List<String> months() {
        return Partitions.of(jdbc, "player_events").stream()
            .filter(partition -> !partition.equals("player_events_default"))
            .toList();
    }

    private static String name(YearMonth month) {
        return "player_events_p" + MONTH.format(month);
    }
}
