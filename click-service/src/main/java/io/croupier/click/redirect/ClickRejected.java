package io.croupier.click.redirect;

import org.springframework.http.HttpStatus;
import org.springframework.web.ErrorResponseException;

/** A click that cannot be routed; answered as problem details unless a fallback URL is configured. */
class ClickRejected extends ErrorResponseException {

    private ClickRejected(HttpStatus status, String title, String detail) {
        super(status);
        setTitle(title);
        setDetail(detail);
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
}
