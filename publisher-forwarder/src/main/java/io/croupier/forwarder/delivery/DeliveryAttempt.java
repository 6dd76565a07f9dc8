package io.croupier.forwarder.delivery;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

import io.croupier.forwarder.ForwarderSettings;
import io.croupier.forwarder.endpoint.EndpointGuards;
import io.croupier.forwarder.endpoint.PostbackClient;
import io.croupier.forwarder.endpoint.PostbackRequest;
import io.croupier.forwarder.endpoint.PostbackResponse;
import io.croupier.forwarder.publisher.PublisherEndpoint;
import io.croupier.forwarder.publisher.PublisherEndpointCache;
import io.croupier.forwarder.publisher.Publishers;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * One attempt of one leased delivery: ask the endpoint's guards, send, then record the attempt and the delivery's next
 * state in one transaction. The HTTP call runs outside any transaction so no connection is held while a publisher is
 * slow.
 */
@Component
class DeliveryAttempt {

    private final PublisherEndpointCache endpoints;

    private final Publishers publishers;

    private final DeliveryQueue deliveries;

    private final PostbackMessage messages;

    private final PostbackClient client;

    private final EndpointGuards guards;

    private final RetrySchedule schedule;

    private final TransactionTemplate transactions;

    private final Clock clock;

    private final Duration maxRetryAfter;

    private final DeliveryMeters meters;

    DeliveryAttempt(PublisherEndpointCache endpoints, Publishers publishers, DeliveryQueue deliveries, PostbackMessage messages,
            PostbackClient client, EndpointGuards guards, RetrySchedule schedule, TransactionTemplate transactions,
            Clock clock, ForwarderSettings properties, DeliveryMeters meters) {
        this.endpoints = endpoints;
        this.publishers = publishers;
        this.deliveries = deliveries;
        this.messages = messages;
        this.client = client;
        this.guards = guards;
        this.schedule = schedule;
        this.transactions = transactions;
        this.clock = clock;
        this.maxRetryAfter = properties.delivery().maxRetryAfter();
        this.meters = meters;
    }

    void run(Delivery delivery) {
        Optional<PublisherEndpoint> found = endpoints.endpoint(delivery.publisherId());
        if (found.isEmpty()) {
            dead(delivery, "unknown publisher " + delivery.publisherId(), false);
            return;
        }
        PublisherEndpoint endpoint = found.get();
        Optional<String> unreachable = endpoint.unreachable();
        if (unreachable.isPresent()) {
            dead(delivery, unreachable.get(), false);
            return;
        }
        Optional<EndpointGuards.Deferral> deferral = guards.admit(endpoint.publisherId(),
                endpoint.rateLimitPerSecond());
        if (deferral.isPresent()) {
            deliveries.deferTo(delivery.id(), deferral.get().until(), deferral.get().reason());
            return;
        }
        PostbackRequest request;
        try {
            request = messages.request(delivery, endpoint);
        }
        catch (RuntimeException e) {
            guards.cancel(endpoint.publisherId());
            throw e;
        }
        Instant startedAt = clock.instant();
        PostbackResponse response = client.send(request);
        guards.record(endpoint.publisherId(), response, maxRetryAfter);
        transactions.executeWithoutResult(status -> settle(delivery, request, startedAt, response));
    }

    private void settle(Delivery delivery, PostbackRequest request, Instant startedAt, PostbackResponse response) {
        deliveries.recordAttempt(delivery, startedAt, request, response);
        meters.attempted(response.outcome());
        switch (response.outcome()) {
            case DELIVERED -> deliveries.delivered(delivery.id()).ifPresent(meters::delivered);
            case GONE -> {
                String reason = "410 Gone from " + request.uri().getHost() + " on delivery " + delivery.id();
                dead(delivery, reason, true);
                publishers.disableEndpoint(delivery.publisherId(), reason);
            }
            default -> retryOrGiveUp(delivery, response);
        }
    }

    private void retryOrGiveUp(Delivery delivery, PostbackResponse response) {
        String failure = describe(response);
        int made = delivery.roundAttempts() + 1;
        if (made >= schedule.attempts()) {
            dead(delivery, "gave up after " + made + " attempts; last: " + failure, true);
            return;
        }
        Instant now = clock.instant();
        Instant next = now.plus(schedule.delayBefore(made));
        if (response.asksToWait()) {
            Duration wait = response.retryAfter().compareTo(maxRetryAfter) > 0 ? maxRetryAfter : response.retryAfter();
            Instant allowed = now.plus(wait);
            next = allowed.isAfter(next) ? allowed : next;
        }
        deliveries.retryAt(delivery.id(), next, failure);
    }

    private void dead(Delivery delivery, String reason, boolean afterAttempt) {
        if (deliveries.dead(delivery.id(), reason, afterAttempt)) {
            meters.dead();
        }
    }

    private static String describe(PostbackResponse response) {
        String status = response.statusCode() == null ? "" : " " + response.statusCode();
        String error = response.error() == null ? "" : ": " + response.error();
        return response.outcome() + status + error;
    }
}
