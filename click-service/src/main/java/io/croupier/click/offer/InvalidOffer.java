package io.croupier.click.offer;

import io.croupier.runtime.problems.InvalidField;
import org.springframework.http.HttpStatus;

/**
 * An offer field refused by a rule bean validation cannot see (a unique value, a masked secret sent as a new one), in
 * the same shape as every other invalid field.
 */
class InvalidOffer extends InvalidField {

    private InvalidOffer(HttpStatus status, String title, String field, String message) {
        super(status, title, field, message);
    }

    /** 409: another offer already uses the value. */
    static InvalidOffer taken(String field) {
        return new InvalidOffer(HttpStatus.CONFLICT, "Already used by another offer", field,
                "already used by another offer");
    }

    /** 400: the value can never be accepted. */
    static InvalidOffer invalid(String field, String message) {
        return new InvalidOffer(HttpStatus.BAD_REQUEST, "Invalid offer", field, message);
    }
}
