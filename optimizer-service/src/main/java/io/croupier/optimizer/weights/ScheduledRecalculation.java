package io.croupier.optimizer.weights;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

import io.croupier.optimizer.OptimizerSettings;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.scheduling.TaskScheduler;
import org.springframework.stereotype.Component;

/**
 * Runs the recalculation once per cycle, however many instances there are and however often they restart. Cycles are
 * the configured policy's interval aligned to the epoch (every minute under the default policy; 00:00, 06:00, 12:00,
 * 18:00 UTC under seed 001's); every instance checks regularly whether the current cycle has its set yet, and the
 * first to find it missing computes it under the shared lock. After a new set, sets past the retention are deleted.
 */
@Component
class ScheduledRecalculation implements SmartInitializingSingleton {

    private static final Logger log = LoggerFactory.getLogger(ScheduledRecalculation.class);

    /** Sets deleted per cycle at most: a backlog (after the retention was shortened) drains over a few cycles. */
    private static final int DELETIONS_PER_CYCLE = 1000;

    private final WeightSets weightSets;

    private final WeightRecalculation recalculation;

    private final TaskScheduler scheduler;

    private final Duration checkInterval;

    private final Duration retention;

    ScheduledRecalculation(WeightSets weightSets, WeightRecalculation recalculation, TaskScheduler scheduler,
            OptimizerSettings settings) {
        this.weightSets = weightSets;
        this.recalculation = recalculation;
        this.scheduler = scheduler;
        this.checkInterval = settings.scheduleCheckInterval();
        this.retention = settings.weightSetRetention();
    }

    @Override
    public void afterSingletonsInstantiated() {
        scheduler.scheduleWithFixedDelay(this::tick, checkInterval);
    }

    private void tick() {
        try {
            runIfDue(Instant.now());
        }
        catch (RuntimeException e) {
            log.warn("Scheduled weight recalculation failed, the next check tries again: {}", e.toString());
        }
    }

    /** Returns the set computed now, or empty when the cycle of {@code now} already has one. */
    Optional<WeightSet> runIfDue(Instant now) {
        Instant cycleStart = cycleStartOf(now);
        // Checked once without the lock so that instances finding the cycle done never queue for it.
        if (weightSets.existsForCycle(cycleStart)) {
            return Optional.empty();
        }
        Optional<WeightSet> computed = recalculation.recalculateCycle(cycleStart);
        computed.ifPresent(set -> weightSets.deleteComputedBefore(set.computedAt().minus(retention),
                DELETIONS_PER_CYCLE));
        return computed;
    }

    Instant cycleStartOf(Instant now) {
        long length = recalculation.cycleLength().toMillis();
        return Instant.ofEpochMilli(Math.floorDiv(now.toEpochMilli(), length) * length);
    }
}
