package io.croupier.postback;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * @param commissionWait how long a seed 003 answer waits for the ledger entry of its event
 * @param maxBodySize larger inbound bodies are refused
 * @param customFields bounds on the custom fields seed 004 partners may send
 * @param houseRetryWindow seed 003 calls without {@code transaction_id}: an identical call this soon after the first
 *        is the house's retry; a later one is another player's event
 * @param inbound how signed calls are checked
 * @param gaming seed 000 webhooks
 * @param groupCommit how accepted postbacks share commits
 */
@ConfigurationProperties("croupier.postback")
public record PostbackSettings(@DefaultValue("5s") Duration commissionWait, @DefaultValue("16KB") DataSize maxBodySize,
        @DefaultValue CustomFields customFields, @DefaultValue("10s") Duration houseRetryWindow,
        @DefaultValue Inbound inbound, @DefaultValue Gaming gaming, @DefaultValue GroupCommit groupCommit) {

    public record CustomFields(@DefaultValue("50") int maxCount, @DefaultValue("64") int maxNameLength,
            @DefaultValue("1000") int maxValueLength) {
    }

    /**
     * @param signatureTolerance how far a signature's timestamp may be from now, either way (Standard Webhooks: 5
     *        minutes)
     * @param messageRetention how long a signed message id is remembered: a resend of the message within it is
     *        answered as the duplicate it is, whatever the format's own dedupe (seed 003's retry window), so it spans
     *        the senders' retry schedules (Standard Webhooks senders retry for about a day). At least twice the
     *        tolerance, or a replay with a still acceptable timestamp could find its id forgotten.
     */
    public record Inbound(@DefaultValue("5m") Duration signatureTolerance,
            @DefaultValue("3d") Duration messageRetention) {

        public Inbound {
            if (messageRetention.compareTo(signatureTolerance.multipliedBy(2)) < 0) {
                throw new IllegalArgumentException("croupier.postback.inbound.message-retention (" + messageRetention
                        + ") must be at least twice the signature tolerance (" + signatureTolerance + ")");
            }
        }
    }

    /**
     * @param acceptUnknownPlatforms accept webhooks whose {@code platform} names no offer's house slug. They are
     *        attributed by their click id alone, so they would get around the signature and allow-list of the offer
     *        that click belongs to: off unless a demo needs seed 000's platform-less examples.
     */
    public record Gaming(@DefaultValue("false") boolean acceptUnknownPlatforms) {
    }

    /**
     * @param enabled off: every postback commits alone on its request thread (one fsync each)
     * @param committers threads committing batches side by side, each holding one database connection while it
     *        commits
     * @param maxBatchSize postbacks at most in one transaction
     * @param queueCapacity postbacks waiting for a committer; when full, new ones are answered 503 with Retry-After
     * @param answerTimeout how long a request waits for its commit before it is answered 503 (it may still commit;
     *        the sender's retry is then its duplicate)
     * @param retryAfter what a 503 asks the sender to wait
     */
    public record GroupCommit(@DefaultValue("true") boolean enabled, @DefaultValue("2") int committers,
            @DefaultValue("200") int maxBatchSize, @DefaultValue("4000") int queueCapacity,
            @DefaultValue("10s") Duration answerTimeout, @DefaultValue("1s") Duration retryAfter) {
    }
}
