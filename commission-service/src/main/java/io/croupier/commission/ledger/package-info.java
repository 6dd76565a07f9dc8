/** The append-only commission ledger, its entries, its events and its API. */
package io.croupier.commission.ledger;
