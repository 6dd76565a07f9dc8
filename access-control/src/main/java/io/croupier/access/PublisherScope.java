package io.croupier.access;

import java.util.Objects;
import java.util.Optional;

import org.springframework.security.access.AccessDeniedException;

/**
 * Whose data a request may see, decided on the server from the caller's token, never from a request parameter.
 * Controllers that publishers may call take it as a parameter and ask it before answering:
 *
 * <pre>{@code
 * @GetMapping("/ledger/entries/{entryId}")
 * LedgerEntry entry(@PathVariable String entryId, PublisherScope scope) {
 *     return ledger.find(entryId).filter(entry -> scope.covers(entry.publisherId())).orElseThrow(...404...);
 * }
 * }</pre>
 *
 * Another publisher's object is answered exactly like one that does not exist (404), so ids reveal nothing.
 */
public final class PublisherScope {

    static final PublisherScope EVERY_PUBLISHER = new PublisherScope(null, true);

    /** A caller with neither an operator role nor a publisher: sees nothing. */
    static final PublisherScope NO_PUBLISHER = new PublisherScope(null, false);

    private final String publisherId;

    private final boolean everyPublisher;

    private PublisherScope(String publisherId, boolean everyPublisher) {
        this.publisherId = publisherId;
        this.everyPublisher = everyPublisher;
    }

    static PublisherScope only(String publisherId) {
        return new PublisherScope(Objects.requireNonNull(publisherId), false);
    }

    public boolean coversEveryPublisher() {
        return everyPublisher;
    }

    /** Whether the caller may see data of {@code publisherId} (which may be null: data of no publisher). */
    public boolean covers(String publisherId) {
        return everyPublisher || (this.publisherId != null && this.publisherId.equals(publisherId));
    }

    public boolean covers(long publisherId) {
        return covers(Long.toString(publisherId));
    }

    /**
     * The publisher filter a query runs with: what the caller asked for (possibly none) when it sees every publisher,
     * otherwise always its own publisher, whatever it asked for.
     */
    public String narrow(String requestedPublisherId) {
        if (everyPublisher) {
            return requestedPublisherId;
        }
        if (publisherId == null) {
            throw new AccessDeniedException("neither an operator nor a publisher");
        }
        return publisherId;
    }

    /** The one publisher this scope is limited to; empty when it covers every publisher. */
    public Optional<String> publisherId() {
        return Optional.ofNullable(publisherId);
    }

    @Override
    public String toString() {
        return everyPublisher ? "every publisher" : publisherId == null ? "no publisher" : "publisher " + publisherId;
    }
}
