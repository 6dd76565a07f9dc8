package io.croupier.forwarder;

import java.time.Duration;
import java.util.List;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings of the publisher-forwarder.
 *
 * @param ssrf which otherwise refused addresses a postback may still reach
 * @param delivery how deliveries are attempted and retried
 * @param endpoint how each publisher endpoint is protected from the others
 * @param intake how payouts are taken from Kafka
 * @param attemptLog how long the attempts of each delivery are kept
 */
@ConfigurationProperties("croupier.forwarder")
public record ForwarderSettings(@DefaultValue Ssrf ssrf, @DefaultValue Delivery delivery,
        @DefaultValue Endpoint endpoint, @DefaultValue Intake intake, @DefaultValue AttemptLog attemptLog) {

    /**
     * @param allowed IP addresses, CIDR ranges or host names reachable even though private, loopback or otherwise
     * refused (the local stack allows its own demo publisher)
     */
    public record Ssrf(@DefaultValue List<String> allowed) {
    }

    /**
     * @param schedule the delay before each attempt, the first one included; its length is the number of attempts
     * before a delivery becomes a dead letter
     * @param jitter each delay is varied by up to this fraction either way, so retries of many deliveries spread out
     * @param timeout an attempt that has not received its response status within this time failed
     * @param maxRetryAfter the longest {@code Retry-After} that is honoured as given
     * @param pollInterval how often the scheduler looks for due retries it was not woken for
     * @param workers attempts in flight at once on this instance
     * @param maxInFlightPerPublisher attempts in flight at once to one publisher, so a slow one cannot take every worker
     * @param responseExcerptLength characters of each response body kept in the attempt log
     */
    public record Delivery(@DefaultValue({ "0s", "5s", "5m", "30m", "2h", "5h", "10h", "10h" }) List<Duration> schedule,
            @DefaultValue("0.2") double jitter, @DefaultValue("15s") Duration timeout,
            @DefaultValue("10h") Duration maxRetryAfter, @DefaultValue("250ms") Duration pollInterval,
            @DefaultValue("32") int workers, @DefaultValue("4") int maxInFlightPerPublisher,
            @DefaultValue("1024") int responseExcerptLength) {

        /** Long enough that a lease never expires while its attempt can still be running. */
        public Duration lease() {
            return timeout.multipliedBy(2).plusSeconds(30);
        }
    }

    /**
     * @param concurrency payout consumers on this instance; intake only stores payouts, so two keep up with six
     *        partitions
     */
    public record Intake(@DefaultValue("2") int concurrency) {
    }

    /**
     * @param failureRateThreshold percentage of failed calls that opens a publisher's circuit breaker
     * @param slowCallThreshold a call slower than this counts as slow; as many slow calls as failures open it too
     * @param slidingWindowSize calls the breaker looks back over
     * @param minimumCalls calls needed before the breaker judges at all
     * @param openDuration how long an open breaker refuses calls before it lets a few through to probe
     * @param rateLimitWait how long an attempt may wait for its publisher's rate limiter before it is put back
     * @param cachedFor how long an instance uses a publisher's endpoint (URL, method, secret, state) it read; a change
     *        made on another instance reaches it within this time, one made on it at once
     */
    public record Endpoint(@DefaultValue("50") float failureRateThreshold,
            @DefaultValue("5s") Duration slowCallThreshold, @DefaultValue("20") int slidingWindowSize,
            @DefaultValue("10") int minimumCalls, @DefaultValue("30s") Duration openDuration,
            @DefaultValue("200ms") Duration rateLimitWait, @DefaultValue("5s") Duration cachedFor) {
    }

    /**
     * @param retention how long a delivery's attempts are kept, counted from the delivery's arrival (they are stored by
     *        it, one partition per UTC day, dropped whole once all of it is older than this); the delivery itself, its
     *        state and its attempt count are kept whatever its age
     * @param daysAhead how many days after today have their partition made ahead of time
     */
    public record AttemptLog(@DefaultValue("90d") Duration retention, @DefaultValue("3") int daysAhead) {
    }
}
