package io.croupier.forwarder.endpoint;

import java.time.Duration;

/**
 * What one attempt produced, as the attempt log keeps it.
 *
 * @param statusCode {@code null} when no response arrived
 * @param latency from sending the request to its response status (or to the failure)
 * @param excerpt the first characters of the response body
 * @param retryAfter the {@code Retry-After} the publisher asked for, or {@code null}
 */
public record PostbackResponse(AttemptOutcome outcome, Integer statusCode, Duration latency, String excerpt,
        String error, Duration retryAfter) {

    static PostbackResponse answered(int statusCode, Duration latency, String excerpt, Duration retryAfter) {
        AttemptOutcome outcome;
        if (statusCode >= 200 && statusCode < 300) {
            outcome = AttemptOutcome.DELIVERED;
        }
        else if (statusCode >= 300 && statusCode < 400) {
            outcome = AttemptOutcome.REDIRECTED;
        }
        else if (statusCode == 410) {
            outcome = AttemptOutcome.GONE;
        }
        else if (statusCode == 429) {
            outcome = AttemptOutcome.THROTTLED;
        }
        else {
            outcome = AttemptOutcome.REJECTED;
        }
        return new PostbackResponse(outcome, statusCode, latency, excerpt, null, retryAfter);
    }

    static PostbackResponse failed(AttemptOutcome outcome, Duration latency, String error) {
        return new PostbackResponse(outcome, null, latency, null, error, null);
    }

    public boolean delivered() {
        return outcome == AttemptOutcome.DELIVERED;
    }

    /** A 429 or 503 with {@code Retry-After}: the publisher said when it can take the next request. */
    public boolean asksToWait() {
        return retryAfter != null && statusCode != null && (statusCode == 429 || statusCode == 503);
    }

    /** A 5xx, a timeout or a connection failure: the endpoint is unwell, not just unhappy with this request. */
    boolean endpointFailure() {
        return outcome.endpointFailure() || (statusCode != null && statusCode >= 500);
    }
}
