package io.croupier.forwarder.delivery;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import io.croupier.forwarder.ForwarderSettings;
import io.croupier.forwarder.publisher.Publishers;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Records sent attempts and moves each delivery on: delivered, retried later, or dead. The attempts that finished while
 * the previous settlement was committing are settled together, in one transaction of a few set-based statements, so a
 * busy forwarder commits once per batch instead of once per attempt. When a batch cannot be committed, each attempt is
 * settled alone, so one bad row holds back only itself.
 */
@Component
class AttemptSettlement {

    private static final Logger log = LoggerFactory.getLogger(AttemptSettlement.class);

    private final DeliveryQueue deliveries;

    private final Publishers publishers;

    private final RetrySchedule schedule;

    private final TransactionTemplate transactions;

    private final Clock clock;

    private final Duration maxRetryAfter;

    private final DeliveryMeters meters;

    AttemptSettlement(DeliveryQueue deliveries, Publishers publishers, RetrySchedule schedule,
            TransactionTemplate transactions, Clock clock, ForwarderSettings properties, DeliveryMeters meters) {
        this.deliveries = deliveries;
        this.publishers = publishers;
        this.schedule = schedule;
        this.transactions = transactions;
        this.clock = clock;
        this.maxRetryAfter = properties.delivery().maxRetryAfter();
        this.meters = meters;
    }

    void settle(List<SentAttempt> sent) {
        try {
            transactions.execute(status -> together(sent)).run();
        }
        catch (RuntimeException batchFailed) {
            if (sent.size() == 1) {
                // The lease runs out and the attempt is made again; nothing is lost.
                log.warn("Attempt of delivery {} could not be recorded", sent.get(0).delivery().id(), batchFailed);
                return;
            }
            log.warn("A settlement of {} attempts failed, settling them one by one: {}", sent.size(),
                    batchFailed.toString());
            sent.forEach(one -> settle(List.of(one)));
        }
    }

    /** @return what to count once the transaction has committed */
    private Runnable together(List<SentAttempt> sent) {
        deliveries.recordAttempts(sent);
        List<String> delivered = new ArrayList<>();
        int dead = 0;
        for (SentAttempt attempt : sent) {
            switch (attempt.response().outcome()) {
                case DELIVERED -> delivered.add(attempt.delivery().id());
                case GONE -> dead += gone(attempt) ? 1 : 0;
                default -> dead += retryOrGiveUp(attempt) ? 1 : 0;
            }
        }
        List<Duration> latencies = deliveries.delivered(delivered);
        int deadLetters = dead;
        return () -> {
            sent.forEach(attempt -> meters.attempted(attempt.response().outcome()));
            latencies.forEach(meters::delivered);
            for (int i = 0; i < deadLetters; i++) {
                meters.dead();
            }
        };
    }

    private boolean gone(SentAttempt attempt) {
        String reason = "410 Gone from " + attempt.request().uri().getHost() + " on delivery "
                + attempt.delivery().id();
        publishers.disableEndpoint(attempt.delivery().publisherId(), reason);
        return deliveries.dead(attempt.delivery().id(), reason, true);
    }

    /** @return whether the delivery became a dead letter */
    private boolean retryOrGiveUp(SentAttempt attempt) {
        Delivery delivery = attempt.delivery();
        String failure = describe(attempt);
        int made = delivery.roundAttempts() + 1;
        if (made >= schedule.attempts()) {
            return deliveries.dead(delivery.id(), "gave up after " + made + " attempts; last: " + failure, true);
        }
        Instant now = clock.instant();
        Instant next = now.plus(schedule.delayBefore(made));
        if (attempt.response().asksToWait()) {
            Duration asked = attempt.response().retryAfter();
            Instant allowed = now.plus(asked.compareTo(maxRetryAfter) > 0 ? maxRetryAfter : asked);
            next = allowed.isAfter(next) ? allowed : next;
        }
        deliveries.retryAt(delivery.id(), next, failure);
        return false;
    }

    private static String describe(SentAttempt attempt) {
        Integer statusCode = attempt.response().statusCode();
        String error = attempt.response().error();
        return attempt.response().outcome() + (statusCode == null ? "" : " " + statusCode)
                + (error == null ? "" : ": " + error);
    }
}
