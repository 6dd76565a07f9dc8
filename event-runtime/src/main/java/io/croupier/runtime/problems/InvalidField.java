package io.croupier.runtime.problems;

import org.springframework.http.HttpStatus;
import org.springframework.web.ErrorResponseException;

/**
 * A field only the domain can judge (a timestamp out of range, a value another record already uses), answered in the
 * same shape as a failed bean validation: a problem naming the field in its {@code errors} list.
 */
public class InvalidField extends ErrorResponseException {

    public InvalidField(String field, String message) {
        this(HttpStatus.BAD_REQUEST, ValidationProblems.TITLE, field, message);
    }

    public InvalidField(HttpStatus status, String title, String field, String message) {
        super(status);
        setTitle(title);
        FieldErrors.of(field, message).describe(getBody());
    }
}
