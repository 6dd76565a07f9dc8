package io.croupier.optimizer.weights;

import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;

import io.croupier.optimizer.OptimizerIntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import static org.assertj.core.api.Assertions.assertThat;

/** The default policy recomputes every minute; old sets leave after the retention, the newest never does. */
class DefaultPolicyScheduleTest extends OptimizerIntegrationTest {

    @Autowired
    ScheduledRecalculation schedule;

    @Autowired
    WeightSets weightSets;

    @Test
    void cyclesAreOneMinuteAlignedToTheEpoch() {
        assertThat(schedule.cycleStartOf(Instant.parse("2031-05-04T10:17:42.500Z")))
            .isEqualTo(Instant.parse("2031-05-04T10:17:00Z"));
        assertThat(schedule.cycleStartOf(Instant.parse("2031-05-04T10:18:00Z")))
            .isEqualTo(Instant.parse("2031-05-04T10:18:00Z"));
    }

    @Test
    void aScheduledSetDeletesTheSetsPastTheRetentionButNeverTheNewest() {
        long alpha = offer("Casino Alpha", true);
        long stale = updateWeights().weightSetId();
        long recent = updateWeights().weightSetId();
        jdbc.sql("update weight_sets set computed_at = :longAgo where weight_set_id = :id")
            .param("longAgo", Timestamp.from(Instant.now().minus(Duration.ofDays(15))))
            .param("id", stale)
            .update();

        long scheduled = schedule.runIfDue(uniqueMinute()).orElseThrow().weightSetId();

        assertThat(exists(stale)).isFalse();
        assertThat(exists(recent)).isTrue();
        assertThat(exists(scheduled)).isTrue();
        assertThat(jdbc.sql("select count(*) from weight_set_entries where weight_set_id = :id")
            .param("id", stale)
            .query(Long.class)
            .single()).isZero();

    }

    @Test
    void theNewestSetIsKeptEvenPastTheRetention() {
        long alpha = offer("Casino Alpha", true);
        long older = updateWeights().weightSetId();
        long newest = updateWeights().weightSetId();
        jdbc.sql("update weight_sets set computed_at = :longAgo")
            .param("longAgo", Timestamp.from(Instant.now().minus(Duration.ofDays(15))))
            .update();

        weightSets.deleteComputedBefore(Instant.now(), 1000);

        assertThat(exists(older)).isFalse();
        assertThat(entry(http.get().uri("/admin/weight-sets/{id}", newest).retrieve().body(WeightSet.class), alpha)
            .active()).isTrue();
    }

    private boolean exists(long weightSetId) {
        return jdbc.sql("select exists (select 1 from weight_sets where weight_set_id = :id)")
            .param("id", weightSetId)
            .query(Boolean.class)
            .single();
    }

    /** A minute no other test or run has scheduled, far from now so the real schedule never meets it. */
    private static Instant uniqueMinute() {
        return Instant.parse("2040-01-01T00:00:00Z").plus(Duration.ofMinutes(System.nanoTime() % 1_000_000));
    }
}
