package io.croupier.analytics.pipeline;

import java.time.Instant;
import java.time.LocalDate;

import com.fasterxml.jackson.annotation.JsonInclude;
import tools.jackson.databind.JsonNode;

/**
 * One run of the pipeline for one day.
 *
 * @param status {@code COMPLETED} (its outputs are the day's reports until the next run of the day) or
 *        {@code FAILED} (nothing of it was kept; {@code error} says why)
 * @param figures the headline figures of every output, and each step's time in milliseconds
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record PipelineRun(long runId, LocalDate day, Trigger trigger, String status, Instant startedAt,
        Instant finishedAt, JsonNode figures, String error) {
}
