package io.croupier.click.offer;

import io.croupier.click.web.FieldErrors;
import org.springframework.http.HttpStatus;
import org.springframework.web.ErrorResponseException;

/** 409 for a unique field another offer already uses, in the same shape as every other invalid field. */
class InvalidOffer extends ErrorResponseException {

    private InvalidOffer(String field) {
        super(HttpStatus.CONFLICT);
        setTitle("Already used by another offer");
        FieldErrors.of(field, "already used by another offer").describe(getBody());
    }

    static InvalidOffer taken(String field) {
        return new InvalidOffer(field);
    }
}
