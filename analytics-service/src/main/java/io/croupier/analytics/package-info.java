/**
 * analytics-service (seed 002): player events, imports, reconciliation and ROAS / ARPDAU reports; this package wires
 * the features and declares who may call what.
 */
package io.croupier.analytics;
