package io.croupier.optimizer.weights;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.IntStream;

import io.croupier.optimizer.SeedPolicyIntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import static org.assertj.core.api.Assertions.assertThat;

/** Recalculation every 6 hours, once per cycle however many instances run. */
class ScheduledRecalculationTest extends SeedPolicyIntegrationTest {

    @Autowired
    ScheduledRecalculation schedule;

    @Test
    void cyclesAreSixHoursAlignedToMidnightUtc() {
        assertThat(schedule.cycleStartOf(Instant.parse("2031-05-04T05:59:59.999Z")))
            .isEqualTo(Instant.parse("2031-05-04T00:00:00Z"));
        assertThat(schedule.cycleStartOf(Instant.parse("2031-05-04T06:00:00Z")))
            .isEqualTo(Instant.parse("2031-05-04T06:00:00Z"));
        assertThat(schedule.cycleStartOf(Instant.parse("2031-05-04T17:30:00Z")))
            .isEqualTo(Instant.parse("2031-05-04T12:00:00Z"));
    }

    @Test
    void aCycleIsComputedOnceAndTheNextCycleAgain() {
        long alpha = offer("Casino Alpha", true);
        Instant now = uniqueCycle();

        Optional<WeightSet> first = schedule.runIfDue(now);
        Optional<WeightSet> sameCycle = schedule.runIfDue(now.plusSeconds(3600));
        Optional<WeightSet> nextCycle = schedule.runIfDue(now.plusSeconds(6 * 3600));

        assertThat(first).hasValueSatisfying(set -> {
            assertThat(set.trigger()).isEqualTo(WeightSet.Trigger.SCHEDULED);
            assertThat(set.cycleStart()).isEqualTo(now);
            assertThat(entry(set, alpha).weight()).isEqualByComparingTo("0.1");
        });
        assertThat(sameCycle).isEmpty();
        assertThat(nextCycle).hasValueSatisfying(set -> assertThat(set.cycleStart()).isEqualTo(now.plusSeconds(21600)));
        assertThat(published(first.orElseThrow().weightSetId()).getWeights()).hasSize(1);
    }

    @Test
    void aCycleWithoutAnyActiveOfferStaysOpenUntilThereIsOne() {
        Instant now = uniqueCycle();
        long closed = offer("Casino Closed", false);

        assertThat(schedule.runIfDue(now)).isEmpty();

        offer(closed, "Casino Closed", true, Instant.now());
        assertThat(schedule.runIfDue(now.plusSeconds(60))).hasValueSatisfying(
                set -> assertThat(set.cycleStart()).isEqualTo(now));
    }

    @Test
    void onlyOneOfManyInstancesComputesACycle() throws Exception {
        offer("Casino Alpha", true);
        Instant now = uniqueCycle();
        ExecutorService instances = Executors.newFixedThreadPool(4);
        try {
            List<Callable<Optional<WeightSet>>> attempts = IntStream.range(0, 4)
                .<Callable<Optional<WeightSet>>>mapToObj(i -> () -> schedule.runIfDue(now))
                .toList();
            List<Optional<WeightSet>> results = instances.invokeAll(attempts)
                .stream()
                .map(ScheduledRecalculationTest::get)
                .toList();

            assertThat(results).filteredOn(Optional::isPresent).hasSize(1);
            assertThat(jdbc.sql("select count(*) from weight_sets where cycle_start = :cycle")
                .param("cycle", Timestamp.from(now))
                .query(Long.class)
                .single()).isEqualTo(1);
        }
        finally {
            instances.shutdown();
        }
    }

    /** A cycle in the future no other test or the real schedule will ever reach. */
    private static Instant uniqueCycle() {
        long sixHours = 6 * 3600_000L;
        long cycle = 100_000 + (System.nanoTime() & 0xFFFFF);
        return Instant.ofEpochMilli(Instant.parse("2040-01-01T00:00:00Z").toEpochMilli() + cycle * sixHours);
    }

    private static Optional<WeightSet> get(Future<Optional<WeightSet>> future) {
        try {
            return future.get();
        }
        catch (Exception e) {
            throw new AssertionError(e);
        }
    }
}
