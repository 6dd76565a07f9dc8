package io.croupier.analytics.pipeline;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * @param schedule when the scheduler looks for days to run (Spring cron, UTC; "-" turns it off): each look runs
 *        every one of the last {@code catchUpDays} days up to yesterday that has no scheduled run yet
 * @param catchUpDays how far back the scheduler makes up for days it missed (the service was down)
 * @param transactionWindow how far apart in time two reports of one transaction id may be and still be the same
 *        transaction: a deposit reported by Croupier and by the provider, a purchase and its confirmation
 * @param maxDaysPerRequest the most days one {@code POST /run-pipeline} may run
 * @param workMem PostgreSQL's {@code work_mem} for a run, so sorts and hashes of a million rows stay in memory
 */
@ConfigurationProperties("croupier.analytics.pipeline")
public record PipelineSettings(@DefaultValue("0 30 * * * *") String schedule, @DefaultValue("3") int catchUpDays,
        @DefaultValue("3d") Duration transactionWindow, @DefaultValue("92") int maxDaysPerRequest,
        @DefaultValue("256MB") DataSize workMem) {
}
