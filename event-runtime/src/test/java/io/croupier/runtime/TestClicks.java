package io.croupier.runtime;

import java.time.Instant;
import java.util.UUID;

import io.croupier.events.Click;

/** The smallest valid click, with a fresh id: the event the runtime's tests send through the outbox and listeners. */
final class TestClicks {

    static Click forOffer(String offerId) {
        return Click.newBuilder()
            .setClickId(UUID.randomUUID().toString())
            .setOfferId(offerId)
            .setOccurredAt(Instant.now())
            .build();
    }

    private TestClicks() {
    }
}
