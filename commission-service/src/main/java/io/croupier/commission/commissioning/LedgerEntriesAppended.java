package io.croupier.commission.commissioning;

import java.util.List;

/**
 * Published in the transaction that appended ledger entries, once they are in the ledger, so that what follows from
 * them (players' lifetime values, offerwall users' points) is applied as a set and commits or rolls back with them.
 *
 * @param entries in the order they were appended
 */
public record LedgerEntriesAppended(List<LedgerEntryAppended> entries) {
}
