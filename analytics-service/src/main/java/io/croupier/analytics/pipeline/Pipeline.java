package io.croupier.analytics.pipeline;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.NestedExceptionUtils;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Runs the pipeline for one day: every {@link PipelineStep} in order, in one transaction that holds the inputs
 * still. Readers see the day's previous outputs until the run commits, then all of the new ones at once. A run that
 * fails leaves the previous outputs in place and is recorded as failed. A scheduled run is skipped when the day has
 * one already; checked under the same lock that serialises runs, so two instances never both run it.
 */
@Service
public class Pipeline {

    private static final Logger log = LoggerFactory.getLogger(Pipeline.class);

    private final List<PipelineStep> steps;

    private final PipelineRuns runs;

    private final InputsLock inputs;

    private final JdbcClient jdbc;

    private final TransactionTemplate transactions;

    private final PipelineSettings settings;

    private final Clock clock;

    private final MeterRegistry meters;

    Pipeline(List<PipelineStep> steps, PipelineRuns runs, InputsLock inputs, JdbcClient jdbc,
            TransactionTemplate transactions, PipelineSettings settings, Clock clock, MeterRegistry meters) {
        this.steps = steps;
        this.runs = runs;
        this.inputs = inputs;
        this.jdbc = jdbc;
        this.transactions = transactions;
        this.settings = settings;
        this.clock = clock;
        this.meters = meters;
    }

    /** Runs the day; empty when it is a scheduled run of a day that has had one. */
    public Optional<PipelineRun> run(LocalDate day, Trigger trigger) {
        Instant asked = clock.instant();
        Timer.Sample sample = Timer.start(meters);
        try {
            Optional<PipelineRun> run = Optional.ofNullable(transactions.execute(status -> {
                inputs.exclusive();
                if (trigger == Trigger.SCHEDULED && runs.scheduledRunCompleted(day)) {
                    return null;
                }
                Instant started = clock.instant();
                jdbc.sql("select set_config('work_mem', :workMem, true)")
                    .param("workMem", settings.workMem().toKilobytes() + "kB")
                    .query()
                    .singleRow();
                long runId = runs.nextId();
                PipelineDay pipelineDay = new PipelineDay(runId, day);
                Map<String, Object> figures = new LinkedHashMap<>();
                Map<String, Long> timings = new LinkedHashMap<>();
                for (PipelineStep step : steps) {
                    long stepStarted = System.nanoTime();
                    figures.put(step.name(), step.run(pipelineDay));
                    timings.put(step.name(), (System.nanoTime() - stepStarted) / 1_000_000);
                }
                figures.put("timingsMillis", timings);
                return runs.record(runId, day, trigger, "COMPLETED", started, figures, null);
            }));
            run.ifPresent(completed -> {
                sample.stop(meters.timer("croupier.analytics.pipeline.run", "trigger", trigger.name(), "outcome",
                        "completed"));
                log.info("Pipeline run {} ({}) for {} completed: {}", completed.runId(), trigger, day,
                        completed.figures());
            });
            return run;
        }
        catch (RuntimeException e) {
            sample.stop(meters.timer("croupier.analytics.pipeline.run", "trigger", trigger.name(), "outcome",
                    "failed"));
            PipelineRun failed = transactions.execute(status -> runs.record(runs.nextId(), day, trigger, "FAILED",
                    asked, null, NestedExceptionUtils.getMostSpecificCause(e).toString()));
            log.error("Pipeline run {} ({}) for {} failed", failed.runId(), trigger, day, e);
            throw new PipelineFailed(failed, e);
        }
    }
}
