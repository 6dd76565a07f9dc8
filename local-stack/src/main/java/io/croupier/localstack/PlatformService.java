package io.croupier.localstack;

import io.croupier.analytics.AnalyticsServiceApplication;
import io.croupier.attribution.AttributionServiceApplication;
import io.croupier.click.ClickServiceApplication;
import io.croupier.commission.CommissionServiceApplication;
import io.croupier.forwarder.PublisherForwarderApplication;
import io.croupier.frontdoor.Backend;
import io.croupier.identity.IdentityServiceApplication;
import io.croupier.optimizer.OptimizerServiceApplication;
import io.croupier.postback.PostbackServiceApplication;

/**
 * The eight services, in the order the stack starts them, their names and documented ports the front door's: identity
 * first, so that the others can fetch its signing keys as soon as they see a token.
 */
enum PlatformService {

    IDENTITY(Backend.IDENTITY, IdentityServiceApplication.class),
    CLICK(Backend.CLICK, ClickServiceApplication.class),
    POSTBACK(Backend.POSTBACK, PostbackServiceApplication.class),
    ATTRIBUTION(Backend.ATTRIBUTION, AttributionServiceApplication.class),
    COMMISSION(Backend.COMMISSION, CommissionServiceApplication.class),
    OPTIMIZER(Backend.OPTIMIZER, OptimizerServiceApplication.class),
    FORWARDER(Backend.FORWARDER, PublisherForwarderApplication.class),
    ANALYTICS(Backend.ANALYTICS, AnalyticsServiceApplication.class);

    private final Backend backend;

    private final Class<?> application;

    PlatformService(Backend backend, Class<?> application) {
        this.backend = backend;
        this.application = application;
    }

    Backend backend() {
        return backend;
    }

    String serviceName() {
        return backend.serviceName();
    }

    int documentedPort() {
        return backend.documentedPort();
    }

    Class<?> application() {
        return application;
    }
}
