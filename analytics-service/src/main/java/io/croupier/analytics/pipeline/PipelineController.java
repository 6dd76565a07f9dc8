package io.croupier.analytics.pipeline;

import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.croupier.runtime.paging.BadPageRequest;
import io.croupier.runtime.paging.Cursor;
import io.croupier.runtime.paging.CursorPage;
import io.croupier.runtime.paging.PageRequest;
import io.croupier.runtime.problems.InvalidField;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Seed 002's {@code POST /run-pipeline}: runs the pipeline now, for yesterday (UTC) unless a {@code day} or a
 * {@code from}..{@code to} range (inclusive, run oldest first) is given, and answers with each run's headline
 * figures. Also the record of runs, and what inputs a day has.
 */
@Tag(name = "Analytics pipeline", description = "Seed 002's daily pipeline: run it now for a day or a range, its "
        + "runs, and which inputs a day has.")
@RestController
class PipelineController {

    private final Pipeline pipeline;

    private final PipelineRuns runs;

    private final PipelineInputs inputs;

    private final PipelineSettings settings;

    PipelineController(Pipeline pipeline, PipelineRuns runs, PipelineInputs inputs, PipelineSettings settings) {
        this.pipeline = pipeline;
        this.runs = runs;
        this.inputs = inputs;
        this.settings = settings;
    }

    @PostMapping("/run-pipeline")
    Map<String, Object> run(@RequestParam(required = false) LocalDate day,
            @RequestParam(required = false) LocalDate from, @RequestParam(required = false) LocalDate to) {
        if (day != null && (from != null || to != null)) {
            throw new InvalidField("day", "give either day or from and to");
        }
        LocalDate first = day != null ? day : from != null ? from : runs.dayOrYesterday(to);
        LocalDate last = day != null ? day : runs.dayOrYesterday(to);
        if (first.isAfter(last)) {
            throw new InvalidField("from", "is after to");
        }
        if (ChronoUnit.DAYS.between(first, last) >= settings.maxDaysPerRequest()) {
            throw new InvalidField("from", "at most " + settings.maxDaysPerRequest() + " days per request");
        }
        List<PipelineRun> completed = new ArrayList<>();
        for (LocalDate current = first; !current.isAfter(last); current = current.plusDays(1)) {
            pipeline.run(current, Trigger.ON_DEMAND).ifPresent(completed::add);
        }
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("status", "completed");
        answer.put("runs", completed);
        return answer;
    }

    /**
     * The record of runs, newest first.
     *
     * @param cursor the {@code next_cursor} of the previous page: the runs before it
     */
    @BadPageRequest
    @GetMapping("/pipeline/runs")
    CursorPage<PipelineRun> list(@RequestParam(required = false) LocalDate day,
            @RequestParam(required = false) String cursor,
            @RequestParam(defaultValue = PageRequest.DEFAULT_LIMIT) int limit) {
        PageRequest request = new PageRequest(cursor, limit);
        Cursor after = request.after();
        return request.page(runs.latest(day, after == null ? null : after.numericId(), request.fetchSize()),
                run -> Cursor.of(run.runId()));
    }

    /** How many rows of each input a day has, to see before a run what it will work with. */
    @GetMapping("/inputs")
    PipelineInputs.Counts inputs(@RequestParam(required = false) LocalDate day) {
        return inputs.of(runs.dayOrYesterday(day));
    }

    @ExceptionHandler(PipelineFailed.class)
    ProblemDetail failed(PipelineFailed e) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.INTERNAL_SERVER_ERROR,
                "The run for " + e.run().day() + " failed and was rolled back; the day's previous outputs stand. "
                        + "Runs before it in the request completed.");
        problem.setTitle("Pipeline run failed");
        problem.setProperty("runId", e.run().runId());
        problem.setProperty("error", e.run().error());
        return problem;
    }
}
