package io.croupier.analytics.reconciliation;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * @param tolerance how far apart a purchase and a confirmation of the same player and amount may be to match when
 *        their transaction ids do not (seed 002: ±10 minutes); the edges are inclusive
 */
@ConfigurationProperties("croupier.analytics.reconciliation")
record ReconciliationSettings(@DefaultValue("10m") Duration tolerance) {
}
