package io.croupier.click.offer;

import org.springframework.http.HttpStatus;
import org.springframework.web.ErrorResponseException;

/** 404: the admin API was asked for an offer id the catalogue does not have. */
class OfferNotFound extends ErrorResponseException {

    OfferNotFound(long id) {
        super(HttpStatus.NOT_FOUND);
        setTitle("Offer not found");
        setDetail("No offer with id " + id);
    }
}
