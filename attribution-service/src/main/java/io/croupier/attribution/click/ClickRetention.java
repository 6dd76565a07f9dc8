package io.croupier.attribution.click;

import java.time.Clock;
import java.time.Duration;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.SchedulingConfigurer;
import org.springframework.scheduling.config.FixedDelayTask;
import org.springframework.scheduling.config.ScheduledTaskRegistrar;
import org.springframework.stereotype.Component;

/**
 * Deletes clicks older than the retention in small chunks, so the delete never holds many locks or a long transaction;
 * every instance may run it, a chunk another instance already deleted is simply gone.
 */
@Component
class ClickRetention implements SchedulingConfigurer {

    private static final Logger log = LoggerFactory.getLogger(ClickRetention.class);

    private static final int CHUNK = 5_000;

    private final ClickRepository clicks;

    private final ClickSettings settings;

    private final Clock clock;

    ClickRetention(ClickRepository clicks, ClickSettings settings, Clock clock) {
        this.clicks = clicks;
        this.settings = settings;
        this.clock = clock;
    }

    /** The first check waits a minute, so a starting instance serves before it deletes. */
    @Override
    public void configureTasks(ScheduledTaskRegistrar tasks) {
        tasks.addFixedDelayTask(
                new FixedDelayTask(this::enforce, settings.retentionCheckInterval(), Duration.ofMinutes(1)));
    }

    void enforce() {
        int total = 0;
        int deleted;
        do {
            deleted = clicks.deleteOccurredBefore(clock.instant().minus(settings.retention()), CHUNK);
            total += deleted;
        }
        while (deleted == CHUNK);
        if (total > 0) {
            log.info("Deleted {} clicks older than {}", total, settings.retention());
        }
    }
}
