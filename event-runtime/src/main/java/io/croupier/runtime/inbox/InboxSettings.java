package io.croupier.runtime.inbox;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How long the inbox remembers an applied event id, and how far ahead its monthly partitions are made.
 *
 * @param retention how long an applied id is remembered: a month of ids is dropped whole once all of it is older. It
 *        must outlast every way a duplicate can still arrive, so it may not be shorter than
 *        {@link #MINIMUM_RETENTION}
 * @param monthsAhead how many months after the current one have their partition made ahead of time
 */
@ConfigurationProperties("croupier.events.inbox")
public record InboxSettings(@DefaultValue("90d") Duration retention, @DefaultValue("1") int monthsAhead) {

    /**
     * Five times Kafka's default topic retention (7 days, which neither the local stack's broker nor docker-compose's
     * changes): a duplicate of an applied event can still be in its topic for 7 days, then in the dead-letter topic for
     * 7, replayed into the topic for 7, dead-lettered again for 7 and replayed once more for 7.
     */
    public static final Duration MINIMUM_RETENTION = Duration.ofDays(35);

    public InboxSettings {
        if (retention.compareTo(MINIMUM_RETENTION) < 0) {
            throw new IllegalArgumentException(("croupier.events.inbox.retention is %s, shorter than the minimum of %d"
                    + " days: an event id forgotten before its last duplicate can arrive (Kafka's 7-day topic"
                    + " retention, twice dead-lettered and replayed) would be applied twice").formatted(retention,
                            MINIMUM_RETENTION.toDays()));
        }
    }
}
