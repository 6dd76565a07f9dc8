package io.croupier.attribution.conversion;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * @param gracePeriod how long a conversion waits for its click or player link before it is listed as unattributed
 * @param retryInterval how often parked conversions are checked again during the grace period
 * @param unattributedRecheckInterval how often an unattributed conversion is checked again after the grace period
 * @param retryBatchSize parked conversions checked per transaction
 * @param fallbackWindow how far back the seed 004 fallback looks for the offer's most recent click
 * @param consumers conversion consumers on this instance (each takes some of the topic's partitions)
 * @param pollAtOnce read a poll's standing at once and write it at the end of the poll ({@link PollStanding});
 *        {@code false} reads and writes each fact of each conversion with its own statement ({@link PerRecordStanding},
 *        the benchmark's reference)
 * @param retention how long a conversion is kept, counted from when postback-service received it; a month of
 *        conversions is dropped whole once all of it is older than this and none of it is parked. Longer than any
 *        replay of the conversions topic can reach back, so a redelivered conversion still finds itself stored.
 * @param monthsAhead how many months after the current one have their partition made ahead of time
 */
@ConfigurationProperties("croupier.attribution.conversions")
record AttributionSettings(@DefaultValue("15m") Duration gracePeriod, @DefaultValue("2s") Duration retryInterval,
        @DefaultValue("10m") Duration unattributedRecheckInterval, @DefaultValue("500") int retryBatchSize,
        @DefaultValue("1h") Duration fallbackWindow, @DefaultValue("3") int consumers,
        @DefaultValue("true") boolean pollAtOnce, @DefaultValue("400d") Duration retention,
        @DefaultValue("1") int monthsAhead) {
}
