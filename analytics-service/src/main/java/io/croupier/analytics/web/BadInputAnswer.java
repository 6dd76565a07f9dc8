package io.croupier.analytics.web;

import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/**
 * Bad input only the domain can recognise (an unknown currency, a range the wrong way round) is a 400, never a 500.
 * An invalid field is the platform's shared answer (see {@code io.croupier.runtime.problems}).
 */
@RestControllerAdvice
class BadInputAnswer {

    @ExceptionHandler(IllegalArgumentException.class)
    ProblemDetail badInput(IllegalArgumentException e) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, e.getMessage());
        problem.setTitle("Bad request");
        return problem;
    }
}
