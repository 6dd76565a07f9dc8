package io.croupier.postback.intake;

import org.springframework.http.HttpStatus;

/** A postback refused for a reason the sender can fix; it is logged and answered, never a 500. */
public class Rejection extends RuntimeException {

    private final Outcome outcome;

    private final HttpStatus status;

    private final String offerId;

    public Rejection(Outcome outcome, HttpStatus status, String message) {
        this(outcome, status, message, null);
    }

    private Rejection(Outcome outcome, HttpStatus status, String message, String offerId) {
        super(message, null, false, false);
        this.outcome = outcome;
        this.status = status;
        this.offerId = offerId;
    }

    public static Rejection invalid(String message) {
        return new Rejection(Outcome.ERROR_VALIDATION, HttpStatus.BAD_REQUEST, message);
    }

    /** Keeps the offer the call was authenticated for, so its log row says whose postback was malformed. */
    public Rejection forOffer(String offerId) {
        return new Rejection(outcome, status, getMessage(), offerId);
    }

    public Outcome outcome() {
        return outcome;
    }

    public HttpStatus status() {
        return status;
    }

    public String offerId() {
        return offerId;
    }
}
