/** Reconciliation of provider purchases against gateway confirmations, per player and amount. */
package io.croupier.analytics.reconciliation;
