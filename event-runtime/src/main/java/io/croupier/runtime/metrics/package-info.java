/** Consumer and outbox meters. */
package io.croupier.runtime.metrics;
