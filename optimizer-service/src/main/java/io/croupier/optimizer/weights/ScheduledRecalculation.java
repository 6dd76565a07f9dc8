package io.croupier.optimizer.weights;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

import io.croupier.optimizer.OptimizerProperties;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Runs the recalculation once per cycle, however many instances there are and however often they restart. Cycles are
 * aligned to the epoch ({@code PT6H}: 00:00, 06:00, 12:00, 18:00 UTC); every instance checks regularly whether the
 * current cycle has its set yet, and the first to find it missing computes it under the shared lock.
 */
@Component
class ScheduledRecalculation {

    private final WeightSets weightSets;

    private final WeightRecalculation recalculation;

    private final Duration interval;

    ScheduledRecalculation(WeightSets weightSets, WeightRecalculation recalculation, OptimizerProperties properties) {
        this.weightSets = weightSets;
        this.recalculation = recalculation;
        this.interval = properties.recalculationInterval();
    }

    @Scheduled(fixedDelayString = "${croupier.optimizer.schedule-check-interval}")
    void tick() {
        runIfDue(Instant.now());
    }

    /** Returns the set computed now, or empty when the cycle of {@code now} already has one. */
    Optional<WeightSet> runIfDue(Instant now) {
        Instant cycleStart = cycleStartOf(now);
        // Checked once without the lock so that instances finding the cycle done never queue for it.
        if (weightSets.existsForCycle(cycleStart)) {
            return Optional.empty();
        }
        return recalculation.recalculateCycle(cycleStart);
    }

    Instant cycleStartOf(Instant now) {
        long length = interval.toMillis();
        return Instant.ofEpochMilli(Math.floorDiv(now.toEpochMilli(), length) * length);
    }
}
