package io.croupier.forwarder.publisher;

import org.springframework.http.HttpStatus;
import org.springframework.web.server.ResponseStatusException;

/** A publisher definition that breaks a rule Bean Validation cannot express; answered as a 400 problem. */
class InvalidPublisherException extends ResponseStatusException {

    InvalidPublisherException(String detail) {
        super(HttpStatus.BAD_REQUEST, detail);
    }
}
