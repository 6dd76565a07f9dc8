package io.croupier.forwarder.delivery;

import java.time.Instant;

import io.croupier.forwarder.endpoint.PostbackRequest;
import io.croupier.forwarder.endpoint.PostbackResponse;

/** An attempt whose request was sent and answered (or failed), waiting to be recorded with the delivery's next state. */
record SentAttempt(Delivery delivery, PostbackRequest request, Instant startedAt, PostbackResponse response) {
}
