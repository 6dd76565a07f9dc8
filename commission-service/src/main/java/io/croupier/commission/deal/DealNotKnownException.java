package io.croupier.commission.deal;

import java.time.Instant;

/**
 * No deal version of the offer was in force when the conversion occurred. Thrown so the record is retried (the offer
 * may simply not have been read yet) and then dead-lettered, never computed with a guessed deal.
 */
public class DealNotKnownException extends RuntimeException {

    public DealNotKnownException(String offerId, Instant occurredAt) {
        super("no deal of offer " + offerId + " in force at " + occurredAt + " is known yet");
    }
}
