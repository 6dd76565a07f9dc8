package io.croupier.forwarder.delivery;

import io.croupier.forwarder.endpoint.EndpointGuards;
import io.croupier.forwarder.publisher.Publishers.PublisherChanged;
import org.springframework.stereotype.Component;
import org.springframework.transaction.event.TransactionalEventListener;

/** A changed endpoint starts with a closed breaker and no pause: the admin has just looked at it. */
@Component
class EndpointStateReset {

    private final EndpointGuards guards;

    private final DeliveryScheduler scheduler;

    EndpointStateReset(EndpointGuards guards, DeliveryScheduler scheduler) {
        this.guards = guards;
        this.scheduler = scheduler;
    }

    @TransactionalEventListener
    void on(PublisherChanged change) {
        guards.forget(change.publisherId());
        scheduler.wakeUp();
    }
}
