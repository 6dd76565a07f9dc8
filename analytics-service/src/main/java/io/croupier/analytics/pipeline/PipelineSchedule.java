package io.croupier.analytics.pipeline;

import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.TimeZone;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.annotation.SchedulingConfigurer;
import org.springframework.scheduling.config.CronTask;
import org.springframework.scheduling.config.ScheduledTaskRegistrar;
import org.springframework.scheduling.support.CronTrigger;

/**
 * The daily run. Every instance looks on {@link PipelineSettings#schedule()}; each look runs, oldest first, every day
 * of the last {@link PipelineSettings#catchUpDays()} up to yesterday that has no scheduled run yet. The pipeline
 * skips a day that has one, under the lock that serialises runs, so each day gets exactly one scheduled run however
 * many instances look, and a day missed while the service was down is made up at the next look.
 */
@Configuration
class PipelineSchedule implements SchedulingConfigurer {

    private static final Logger log = LoggerFactory.getLogger(PipelineSchedule.class);

    private static final String DISABLED = "-";

    private final Pipeline pipeline;

    private final PipelineSettings settings;

    private final Clock clock;

    PipelineSchedule(Pipeline pipeline, PipelineSettings settings, Clock clock) {
        this.pipeline = pipeline;
        this.settings = settings;
        this.clock = clock;
    }

    @Override
    public void configureTasks(ScheduledTaskRegistrar registrar) {
        if (!DISABLED.equals(settings.schedule())) {
            registrar.addCronTask(new CronTask(this::runDueDays,
                    new CronTrigger(settings.schedule(), TimeZone.getTimeZone(ZoneOffset.UTC))));
        }
    }

    void runDueDays() {
        LocalDate yesterday = LocalDate.now(clock.withZone(ZoneOffset.UTC)).minusDays(1);
        for (LocalDate day = yesterday.minusDays(settings.catchUpDays() - 1L); !day.isAfter(yesterday);
                day = day.plusDays(1)) {
            try {
                pipeline.run(day, Trigger.SCHEDULED);
            }
            catch (PipelineFailed e) {
                log.warn("Scheduled run for {} failed; the next look retries it", day);
            }
        }
    }
}
