package io.croupier.runtime.problems;

import java.util.List;
import java.util.stream.Collectors;

import org.springframework.http.ProblemDetail;

/**
 * Every invalid field of a request, in the order found, each named as the client sent it, written into a problem as
 * its {@code errors} list ({@code [{"field": ..., "message": ...}]}) and summed up in its {@code detail}. The one shape
 * every service answers for an invalid field, whether the framework or the domain found it.
 */
public record FieldErrors(List<FieldError> errors) {

    /** One invalid field: its name on the wire and what is wrong with it. */
    public record FieldError(String field, String message) {
    }

    public FieldErrors {
        errors = List.copyOf(errors);
    }

    public static FieldErrors of(String field, String message) {
        return new FieldErrors(List.of(new FieldError(field, message)));
    }

    /** Writes the fields into the problem: the list, and its sum as the detail. */
    public ProblemDetail describe(ProblemDetail problem) {
        problem.setDetail(errors.stream()
            .map(error -> error.field() + ": " + error.message())
            .collect(Collectors.joining("; ")));
        problem.setProperty("errors", errors);
        return problem;
    }
}
