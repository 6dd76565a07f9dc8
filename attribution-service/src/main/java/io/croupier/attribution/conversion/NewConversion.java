package io.croupier.attribution.conversion;

import java.time.Instant;

import io.croupier.events.ConversionReported;

/**
 * A conversion received in this poll, not written yet, with the decision reached so far: inserted with it at the end
 * of the poll, so a conversion costs one row of one statement instead of an insert and an update.
 *
 * @param attributed how it was attributed, or {@code null} while it is not
 */
record NewConversion(ConversionReported conversion, Instant receivedAt, Instant graceUntil, String state,
        UnattributedReason reason, Instant nextCheckAt, int checks, Decision.Attributed attributed,
        Instant attributedAt) {

    static NewConversion received(ConversionReported conversion, Instant receivedAt, Instant graceUntil) {
        return new NewConversion(conversion, receivedAt, graceUntil, "PENDING", null, null, 0, null, null);
    }

    NewConversion waiting(String waitingState, UnattributedReason waitingReason, Instant nextCheck) {
        return new NewConversion(conversion, receivedAt, graceUntil, waitingState, waitingReason, nextCheck,
                checks + 1, null, null);
    }

    NewConversion attributed(Decision.Attributed decision, Instant now) {
        return new NewConversion(conversion, receivedAt, graceUntil, "ATTRIBUTED", null, null, checks, decision, now);
    }
}
