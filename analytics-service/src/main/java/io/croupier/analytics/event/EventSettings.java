package io.croupier.analytics.event;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * @param retention how long player events are kept; older months are dropped whole, and an event older than this is
 *        refused
 * @param clockSkew how far in the future a client's {@code timestampUtc} may be
 * @param pageSize events per page of {@code GET /events} when the client does not ask (seed 002: the last 100)
 * @param maxPageSize the most a client may ask for in one page
 * @param monthsAhead how many months of partitions exist beyond the current one
 * @param statsMaxDays the longest range {@code GET /stats} aggregates in one call
 */
@ConfigurationProperties("croupier.analytics.events")
record EventSettings(@DefaultValue("730d") Duration retention, @DefaultValue("5m") Duration clockSkew,
        @DefaultValue("100") int pageSize, @DefaultValue("1000") int maxPageSize, @DefaultValue("2") int monthsAhead,
        @DefaultValue("366") int statsMaxDays) {
}
