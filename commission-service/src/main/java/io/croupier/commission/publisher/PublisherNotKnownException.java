package io.croupier.commission.publisher;

/**
 * A conversion names a publisher whose terms have not been read (yet). Thrown so the record is retried and then
 * dead-lettered rather than paying the publisher nothing by mistake.
 */
public class PublisherNotKnownException extends RuntimeException {

    public PublisherNotKnownException(String publisherId) {
        super("publisher " + publisherId + " is not known yet");
    }
}
