package io.croupier.optimizer.weights;

import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.ErrorResponseException;

/**
 * Nothing to route to: a set without a single active offer is never published, since click-service would have no
 * offer left to send a visitor to.
 */
class NoActiveOffers extends ErrorResponseException {

    NoActiveOffers() {
        super(HttpStatus.CONFLICT, ProblemDetail.forStatusAndDetail(HttpStatus.CONFLICT,
                "No active offer is known yet, so there are no weights to compute"), null);
    }
}
