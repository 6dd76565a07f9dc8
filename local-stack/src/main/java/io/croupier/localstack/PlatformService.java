package io.croupier.localstack;

import io.croupier.analytics.AnalyticsServiceApplication;
import io.croupier.attribution.AttributionServiceApplication;
import io.croupier.click.ClickServiceApplication;
import io.croupier.commission.CommissionServiceApplication;
import io.croupier.forwarder.PublisherForwarderApplication;
import io.croupier.identity.IdentityServiceApplication;
import io.croupier.optimizer.OptimizerServiceApplication;
import io.croupier.postback.PostbackServiceApplication;

/**
 * The eight services, in the order the stack starts them, with their documented ports: identity first, so that the
 * others can fetch its signing keys as soon as they see a token.
 */
enum PlatformService {

    IDENTITY("identity-service", 8087, IdentityServiceApplication.class),
    CLICK("click-service", 8081, ClickServiceApplication.class),
    POSTBACK("postback-service", 8082, PostbackServiceApplication.class),
    ATTRIBUTION("attribution-service", 8083, AttributionServiceApplication.class),
    COMMISSION("commission-service", 8084, CommissionServiceApplication.class),
    OPTIMIZER("optimizer-service", 8085, OptimizerServiceApplication.class),
    FORWARDER("publisher-forwarder", 8086, PublisherForwarderApplication.class),
    ANALYTICS("analytics-service", 8088, AnalyticsServiceApplication.class);

    private final String serviceName;

    private final int documentedPort;

    private final Class<?> application;

    PlatformService(String serviceName, int documentedPort, Class<?> application) {
        this.serviceName = serviceName;
        this.documentedPort = documentedPort;
        this.application = application;
    }

    String serviceName() {
        return serviceName;
    }

    int documentedPort() {
        return documentedPort;
    }

    Class<?> application() {
        return application;
    }
}
