package io.croupier.optimizer.thompson;

import java.time.Duration;

/**
 * Thirteen first deposits on a grid up to two hours (points 5, 15, 30, 60 and 120 minutes). Ten come from clicks
 * three hours old: four 10 minutes after the click, four after 45 minutes, two after 90. Three come from clicks only
 * 40 minutes old, all 10 minutes after the click: those clicks cannot have shown a later deposit yet. By hand:
 * F(2h) = 1; F(1h) = 8/10 of F(2h) = 0.8 (only the old cohorts are two hours old); F(30m) = 4/8 of F(1h) = 0.4;
 * F(15m) = 7/7 of F(30m) = 0.4 (both cohorts are at least 30 minutes old); F(5m) = 0/7 = 0. The empirical share
 * below 30 minutes would say 7/13 = 0.54.
 */
final class HandComputedCohorts {

    static final Duration HORIZON = Duration.ofHours(2);

    private static final long MINUTE = Duration.ofMinutes(1).toMillis();

    private static final long HOUR = Duration.ofHours(1).toMillis();

    private HandComputedCohorts() {
    }

    static DelayObservations observations() {
        DelayObservations observations = new DelayObservations(DelayGrid.upTo(HORIZON));
        for (int i = 0; i < 4; i++) {
            observations.add(3 * HOUR, 10 * MINUTE);
            observations.add(3 * HOUR, 45 * MINUTE);
        }
        observations.add(3 * HOUR, 90 * MINUTE);
        observations.add(3 * HOUR, 90 * MINUTE);
        for (int i = 0; i < 3; i++) {
            observations.add(40 * MINUTE, 10 * MINUTE);
        }
        return observations;
    }
}
