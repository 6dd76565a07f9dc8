package io.croupier.click.redirect;

import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;

/**
 * A click that cannot be routed; answered as problem details unless a fallback URL is configured. Carries no stack
 * trace: it is an answer to bad input, not a fault, and a flood of bad clicks should not cost a stack walk each.
 */
final class ClickRejected extends RuntimeException {

    private final ProblemDetail problem;

    private ClickRejected(HttpStatus status, String title, String detail) {
        super(detail, null, false, false);
        this.problem = ProblemDetail.forStatusAndDetail(status, detail);
        problem.setTitle(title);
    }

    static ClickRejected malformed(String detail) {
        return new ClickRejected(HttpStatus.BAD_REQUEST, "Malformed click", detail);
    }

    static ClickRejected unknownOffer(String offer) {
        return new ClickRejected(HttpStatus.NOT_FOUND, "Offer not available",
                "No active offer with id " + offer);
    }

    static ClickRejected noActiveOffer() {
        return new ClickRejected(HttpStatus.SERVICE_UNAVAILABLE, "No active offer",
                "There is no active offer to send this click to");
    }

    ProblemDetail problem() {
        return problem;
    }
}
