package io.croupier.forwarder.publisher;

/**
 * A publisher's id: the number this service's database gives it, written on the topics as a decimal string (the
 * platform's ids are strings on the wire). The one place where the two forms meet.
 */
public record PublisherId(long value) {

    public PublisherId {
        if (value <= 0) {
            throw new IllegalArgumentException("a publisher id is a positive number, was " + value);
        }
    }

    /**
     * @throws IllegalArgumentException when the text is not an id this service gives, e.g. a payout for a publisher
     *         another system knows
     */
    public static PublisherId fromEvent(String text) {
        try {
            return new PublisherId(Long.parseLong(text));
        }
        catch (NumberFormatException e) {
            throw new IllegalArgumentException(text + " is not a publisher id of this service", e);
        }
    }

    public String toEvent() {
        return Long.toString(value);
    }
}
