/**
 * commission-service: deals, the commission ledger, LTV and reports; this package wires the features and declares who
 * may call what.
 */
package io.croupier.commission;
