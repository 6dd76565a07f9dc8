package io.croupier.commission.ledger;

import java.time.Instant;

/** Filters of a ledger search; a null filter matches everything. {@code to} is exclusive. */
public record LedgerQuery(String inputEventId, String offerId, String publisherId, String playerId, Instant from,
        Instant to, int limit) {
}
