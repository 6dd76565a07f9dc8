package io.croupier.analytics.pipeline;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import io.croupier.runtime.problems.ErrorAnswer;

/** Marks a report read from the pipeline's last completed run of a day: {@link NoRunForDay} before there is one. */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
@ErrorAnswer(status = 404, when = "The pipeline has not completed a run for the day yet", title = "Not computed yet",
        detail = "The pipeline has not run for 2026-11-29 yet: POST /run-pipeline?day=2026-11-29")
public @interface ComputedByThePipeline {
}
