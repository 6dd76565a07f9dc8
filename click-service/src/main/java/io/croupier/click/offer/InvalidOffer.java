package io.croupier.click.offer;

import java.util.Map;

import org.springframework.http.HttpStatus;
import org.springframework.web.ErrorResponseException;

/** 400 or 409 with one message per offending field, for rules bean validation cannot express. */
class InvalidOffer extends ErrorResponseException {

    private InvalidOffer(HttpStatus status, String title, String field, String message) {
        super(status);
        setTitle(title);
        setDetail(field + ": " + message);
        getBody().setProperty("errors", Map.of(field, message));
    }

    static InvalidOffer invalid(String field, String message) {
        return new InvalidOffer(HttpStatus.BAD_REQUEST, "Invalid offer", field, message);
    }

    static InvalidOffer taken(String field) {
        return new InvalidOffer(HttpStatus.CONFLICT, "Already used by another offer", field,
                "already used by another offer");
    }
}
