/**
 * The commissioning engine: from an attributed conversion's status to ledger entries, by the deal's rules, with held
 * payouts.
 */
package io.croupier.commission.commissioning;
