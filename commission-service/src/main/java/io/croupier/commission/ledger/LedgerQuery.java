package io.croupier.commission.ledger;

import java.time.Instant;

/**
 * Filters of a ledger search; a null filter matches everything. {@code to} is exclusive.
 *
 * @param afterEntryId the entries written after this one, in ledger order; from the first when null
 * @param limit at most this many entries
 */
public record LedgerQuery(String inputEventId, String offerId, String publisherId, String playerId, Instant from,
        Instant to, String afterEntryId, int limit) {
}
