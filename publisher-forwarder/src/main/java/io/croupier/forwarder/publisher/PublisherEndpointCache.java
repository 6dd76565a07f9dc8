package io.croupier.forwarder.publisher;

import java.util.Optional;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.croupier.forwarder.ForwarderSettings;
import io.croupier.forwarder.publisher.Publishers.PublisherChanged;
import org.springframework.stereotype.Component;
import org.springframework.transaction.event.TransactionalEventListener;

/**
 * The publishers' endpoints as delivery attempts read them: one database read, template parse and secret decryption per
 * publisher every {@code cached-for}, instead of one per attempt. A change made on this instance (update, deactivation,
 * rotated secret, 410 Gone) drops the entry once committed; another instance's change is seen within
 * {@code cached-for}.
 */
@Component
public class PublisherEndpointCache {

    private static final int MAX_PUBLISHERS = 100_000;

    private final Publishers publishers;

    private final Cache<Long, Optional<PublisherEndpoint>> endpoints;

    PublisherEndpointCache(Publishers publishers, ForwarderSettings settings) {
        this.publishers = publishers;
        this.endpoints = Caffeine.newBuilder()
            .expireAfterWrite(settings.endpoint().cachedFor())
            .maximumSize(MAX_PUBLISHERS)
            .build();
    }

    public Optional<PublisherEndpoint> endpoint(long publisherId) {
        return endpoints.get(publisherId, publishers::endpoint);
    }

    @TransactionalEventListener(fallbackExecution = true)
    void on(PublisherChanged change) {
        endpoints.invalidate(change.publisherId());
    }
}
