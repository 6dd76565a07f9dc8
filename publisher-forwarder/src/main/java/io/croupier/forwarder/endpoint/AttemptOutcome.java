package io.croupier.forwarder.endpoint;

/** How one attempt to reach a publisher ended. */
public enum AttemptOutcome {

    /** A 2xx within the timeout: the only success. */
    DELIVERED(false),
    /** A 3xx: never followed, because the publisher must be reached at the URL it registered. */
    REDIRECTED(false),
    /** A 410: the publisher retired the endpoint. */
    GONE(false),
    /** A 429: retried no sooner than its {@code Retry-After}. */
    THROTTLED(false),
    /** Any other status. 5xx ones count against the circuit breaker. */
    REJECTED(false),
    TIMED_OUT(true),
    CONNECTION_FAILED(true),
    /** No request was sent: the host resolved only to addresses the SSRF policy refuses. */
    REFUSED_ADDRESS(false);

    private final boolean endpointFailure;

    AttemptOutcome(boolean endpointFailure) {
        this.endpointFailure = endpointFailure;
    }

    /** Whether the outcome says the endpoint itself is broken, which is what a circuit breaker counts. */
    boolean endpointFailure() {
        return endpointFailure;
    }
}
