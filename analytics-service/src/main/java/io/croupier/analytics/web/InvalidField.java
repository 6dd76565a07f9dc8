package io.croupier.analytics.web;

/**
 * A field of a request that only the domain can judge (a timestamp out of range, meta that is not JSON); answered
 * like a failed bean validation, as a 400 naming the field.
 */
public class InvalidField extends RuntimeException {

    private final String field;

    public InvalidField(String field, String message) {
        super(message);
        this.field = field;
    }

    public String field() {
        return field;
    }
}
