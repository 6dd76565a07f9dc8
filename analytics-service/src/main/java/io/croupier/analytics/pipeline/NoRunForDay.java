package io.croupier.analytics.pipeline;

import java.time.LocalDate;

import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.ErrorResponseException;

/** A report was asked for a day the pipeline has not run for yet: a 404 that says how to get it. */
public class NoRunForDay extends ErrorResponseException {

    public NoRunForDay(LocalDate day) {
        super(HttpStatus.NOT_FOUND, problem(day), null);
    }

    private static ProblemDetail problem(LocalDate day) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.NOT_FOUND,
                "The pipeline has not run for " + day + " yet: POST /run-pipeline?day=" + day);
        problem.setTitle("Not computed yet");
        problem.setProperty("day", day.toString());
        return problem;
    }
}
