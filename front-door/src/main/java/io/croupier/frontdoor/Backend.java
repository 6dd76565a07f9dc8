package io.croupier.frontdoor;

/** The services behind the front door, by the name they run under and the port they are documented on. */
public enum Backend {

    CLICK("click-service", 8081),
    POSTBACK("postback-service", 8082),
    ATTRIBUTION("attribution-service", 8083),
    COMMISSION("commission-service", 8084),
    OPTIMIZER("optimizer-service", 8085),
    FORWARDER("publisher-forwarder", 8086),
    IDENTITY("identity-service", 8087),
    ANALYTICS("analytics-service", 8088),
    CONSOLE("console", 8089);

    private final String serviceName;

    private final int documentedPort;

    Backend(String serviceName, int documentedPort) {
        this.serviceName = serviceName;
        this.documentedPort = documentedPort;
    }

    public String serviceName() {
        return serviceName;
    }

    public int documentedPort() {
        return documentedPort;
    }
}
