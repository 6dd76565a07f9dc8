package io.croupier.analytics.event;

import java.time.Instant;

/** A stored player event, as {@code GET /events} lists it. */
record PlayerEvent(long id, String playerId, String eventType, String meta, Instant timestampUtc, String offerId,
        String house, String eventId, Instant receivedAt) {
}
