package io.croupier.analytics.pipeline;

import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;

import io.croupier.analytics.AnalyticsServiceApplication;
import io.croupier.analytics.AnalyticsServiceTest;
import io.croupier.embedded.EmbeddedInfrastructureInitializer;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Two more instances on the same database, each looking for due days every second: every due day still gets
 * exactly one scheduled run, and none fails on the other's.
 */
@AnalyticsServiceTest
class ScheduledRunTest {

    @Autowired
    JdbcClient jdbc;

    @Test
    void twoInstancesLookingEverySecondRunEachDueDayExactlyOnce() {
        LocalDate yesterday = LocalDate.now(ZoneOffset.UTC).minusDays(1);
        List<LocalDate> due = List.of(yesterday.minusDays(1), yesterday);
        try (ConfigurableApplicationContext first = instance(); ConfigurableApplicationContext second = instance()) {
            await().atMost(Duration.ofSeconds(60)).until(() -> due.stream().allMatch(day -> scheduledRuns(day) > 0));
            // Both instances keep looking: the count must stay at one through several more looks of each.
            await().during(Duration.ofSeconds(4)).atMost(Duration.ofSeconds(10))
                .until(() -> due.stream().allMatch(day -> scheduledRuns(day) == 1));
        }

        assertThat(jdbc.sql("select count(*) from pipeline_runs where trigger = 'SCHEDULED' and status = 'FAILED'")
            .query(Long.class)
            .single()).isZero();
    }

    private long scheduledRuns(LocalDate day) {
        return jdbc.sql("select count(*) from pipeline_runs where day = ? and trigger = 'SCHEDULED'")
            .param(java.sql.Date.valueOf(day))
            .query(Long.class)
            .single();
    }

    private static ConfigurableApplicationContext instance() {
        return new SpringApplicationBuilder(AnalyticsServiceApplication.class)
            .initializers(new EmbeddedInfrastructureInitializer())
            .run("--server.port=0", "--croupier.analytics.pipeline.schedule=* * * * * *",
                    "--croupier.analytics.pipeline.catch-up-days=2", "--logging.level.state.change.logger=WARN");
    }
}
