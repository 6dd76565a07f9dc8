package io.croupier.frontdoor;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Where the front door listens besides {@code server.port} and {@code server.address}, and where it finds the services.
 *
 * @param additionalPorts more ports answering exactly like {@code server.port}: the offer-router seed served on 5000,
 *        seed 002's gaming backend on 8000, the tracker seed on 8080
 * @param backends each service's base URL; a service not named here is expected on its documented port on this host
 * @param timeout how long a forwarded request may take, answer included
 * @param connectTimeout how long connecting to a service may take
 * @param healthTimeout how long each service may take to answer the front door's {@code /health}
 * @param docsCacheTime how long a documentation definition merged from every service's document is served before
 *        the services are asked again
 */
@ConfigurationProperties("croupier.front-door")
public record FrontDoorSettings(@DefaultValue({ "5000", "8000" }) List<Integer> additionalPorts,
        @DefaultValue Map<Backend, URI> backends, @DefaultValue("30s") Duration timeout,
        @DefaultValue("5s") Duration connectTimeout, @DefaultValue("5s") Duration healthTimeout,
        @DefaultValue("10s") Duration docsCacheTime) {

    /** The base URL of {@code backend}, without a trailing slash. */
    String baseUrl(Backend backend) {
        URI configured = backends.get(backend);
        String url = configured == null ? "http://127.0.0.1:" + backend.documentedPort() : configured.toString();
        return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }
}
