package io.croupier.runtime.kafka;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.listener.RetryListener;

/**
 * Says at once that a record failed and will be tried again: the error handler itself speaks only when the retries
 * are exhausted, minutes later, and a listener whose every attempt fails would otherwise look merely idle. The record's
 * key and value stay out of the line (they may carry a player's data); its place on the topic is enough to find it.
 */
final class FailedAttemptLog implements RetryListener {

    private static final Logger log = LoggerFactory.getLogger(FailedAttemptLog.class);

    @Override
    public void failedDelivery(ConsumerRecord<?, ?> record, Exception failure, int deliveryAttempt) {
        log.warn("Attempt {} at {}-{}@{} failed, retrying unless retries are exhausted: {}", deliveryAttempt,
                record.topic(), record.partition(), record.offset(), rootCause(failure));
    }

    private static String rootCause(Throwable failure) {
        Throwable cause = failure;
        while (cause.getCause() != null && cause.getCause() != cause) {
            cause = cause.getCause();
        }
        return cause.getClass().getSimpleName() + ": " + cause.getMessage();
    }
}
