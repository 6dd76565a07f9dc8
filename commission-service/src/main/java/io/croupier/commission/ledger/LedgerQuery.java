package io.croupier.commission.ledger;

import java.time.Instant;

/**
 * Filters of a ledger search; a null filter matches everything. {@code to} is exclusive.
 *
 * @param afterEntryId the entries that come after this one in the query's order; from the start when null
 * @param limit at most this many entries
 * @param newestFirst the last written first, where ledger order is the first written first
 */
public record LedgerQuery(String inputEventId, String offerId, String publisherId, String playerId, Instant from,
        Instant to, String afterEntryId, int limit, boolean newestFirst) {
}
