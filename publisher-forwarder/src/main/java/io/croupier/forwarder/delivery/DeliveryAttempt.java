package io.croupier.forwarder.delivery;

import java.time.Clock;
import java.time.Instant;
import java.util.Optional;

import io.croupier.forwarder.ForwarderSettings;
import io.croupier.forwarder.endpoint.EndpointGuards;
import io.croupier.forwarder.endpoint.PostbackClient;
import io.croupier.forwarder.endpoint.PostbackRequest;
import io.croupier.forwarder.endpoint.PostbackResponse;
import io.croupier.forwarder.publisher.PublisherEndpoint;
import io.croupier.forwarder.publisher.PublisherEndpointCache;
import org.springframework.stereotype.Component;

/**
 * One attempt of one leased delivery up to the publisher's answer: ask the endpoint's guards, then send. The HTTP call
 * runs outside any transaction so no connection is held while a publisher is slow; what was sent is recorded by
 * {@link AttemptSettlement}, together with the attempts that finished at about the same time.
 */
@Component
class DeliveryAttempt {

    private final PublisherEndpointCache endpoints;

    private final DeliveryQueue deliveries;

    private final PostbackMessage messages;

    private final PostbackClient client;

    private final EndpointGuards guards;

    private final Clock clock;

    private final ForwarderSettings.Delivery settings;

    private final DeliveryMeters meters;

    DeliveryAttempt(PublisherEndpointCache endpoints, DeliveryQueue deliveries, PostbackMessage messages,
            PostbackClient client, EndpointGuards guards, Clock clock, ForwarderSettings properties,
            DeliveryMeters meters) {
        this.endpoints = endpoints;
        this.deliveries = deliveries;
        this.messages = messages;
        this.client = client;
        this.guards = guards;
        this.clock = clock;
        this.settings = properties.delivery();
        this.meters = meters;
    }

    /**
     * @return the attempt to settle, or empty when none was made: the delivery was given up or deferred, and that is
     *         already recorded
     */
    Optional<SentAttempt> run(Delivery delivery) {
        Optional<PublisherEndpoint> found = endpoints.endpoint(delivery.publisherId());
        if (found.isEmpty()) {
            deadWithoutAttempt(delivery, "unknown publisher " + delivery.publisherId());
            return Optional.empty();
        }
        PublisherEndpoint endpoint = found.get();
        Optional<String> unreachable = endpoint.unreachable();
        if (unreachable.isPresent()) {
            deadWithoutAttempt(delivery, unreachable.get());
            return Optional.empty();
        }
        Optional<EndpointGuards.Deferral> deferral = guards.admit(endpoint.publisherId(),
                endpoint.rateLimitPerSecond());
        if (deferral.isPresent()) {
            deliveries.deferTo(delivery.id(), deferral.get().until(), deferral.get().reason());
            return Optional.empty();
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
        guards.record(endpoint.publisherId(), response, settings.maxRetryAfter());
        return Optional.of(new SentAttempt(delivery, request, startedAt, response));
    }

    private void deadWithoutAttempt(Delivery delivery, String reason) {
        if (deliveries.dead(delivery.id(), reason, false)) {
            meters.dead();
        }
    }
}
