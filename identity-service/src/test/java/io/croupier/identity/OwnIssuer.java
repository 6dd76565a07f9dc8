package io.croupier.identity;

import java.util.Map;

import io.croupier.embedded.FreePorts;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.MapPropertySource;

/**
 * Runs the service on a port chosen up front, so that it can name itself the issuer and trust its own tokens, as it
 * does in production, instead of the test issuer the other services trust.
 */
class OwnIssuer implements ApplicationContextInitializer<ConfigurableApplicationContext> {

    @Override
    public void initialize(ConfigurableApplicationContext context) {
        int port = FreePorts.next();
        String url = "http://127.0.0.1:" + port;
        context.getEnvironment().getPropertySources().addFirst(new MapPropertySource("ownIssuer", Map.of(
                "server.port", port,
                "croupier.identity.issuer", url,
                "croupier.access.issuer", url,
                "croupier.access.jwk-set-uri", url + "/.well-known/jwks.json")));
    }
}
