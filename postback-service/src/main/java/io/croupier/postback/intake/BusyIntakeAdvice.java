package io.croupier.postback.intake;

import io.croupier.postback.PostbackSettings;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/**
 * A postback the intake could not take (queue full, service stopping, commit slower than the answer timeout) is
 * answered 503 with {@code Retry-After}, in every format: no seed defines a body for it, and a casino retries a 5xx.
 */
@RestControllerAdvice
class BusyIntakeAdvice {

    private final String retryAfterSeconds;

    private final Counter busy;

    BusyIntakeAdvice(PostbackSettings settings, MeterRegistry meters) {
        this.retryAfterSeconds = Long.toString(Math.max(1, settings.groupCommit().retryAfter().toSeconds()));
        this.busy = meters.counter("croupier.postbacks.busy");
    }

    @ExceptionHandler(GroupCommitter.Busy.class)
    ResponseEntity<ProblemDetail> busy(GroupCommitter.Busy busyIntake) {
        this.busy.increment();
        return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE)
            .header(HttpHeaders.RETRY_AFTER, retryAfterSeconds)
            .body(ProblemDetail.forStatusAndDetail(HttpStatus.SERVICE_UNAVAILABLE, busyIntake.getMessage()));
    }
}
