/** Loyalty points, kept from the ledger entries. */
package io.croupier.commission.points;
