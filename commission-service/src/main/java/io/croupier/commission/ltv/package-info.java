/** Customer lifetime value and segment, kept from the ledger entries. */
package io.croupier.commission.ltv;
