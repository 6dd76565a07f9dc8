package io.croupier.frontdoor;

import java.util.List;

import org.apache.catalina.connector.Connector;
import org.springframework.boot.tomcat.TomcatConnectorCustomizer;
import org.springframework.boot.tomcat.servlet.TomcatServletWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;

/**
 * The additional ports, on the same address as {@code server.port}, and the lenient request line every connector
 * needs: a partner's literal seed 004 macros ({@code ?click_id={click_id}}) must reach postback-service, which names
 * them in its error, instead of being refused here with a bare 400.
 */
final class FrontDoorConnectors implements WebServerFactoryCustomizer<TomcatServletWebServerFactory> {

    private static final String RELAXED_CHARACTERS = "{}|[]";

    private final List<Integer> additionalPorts;

    FrontDoorConnectors(List<Integer> additionalPorts) {
        this.additionalPorts = additionalPorts;
    }

    @Override
    public void customize(TomcatServletWebServerFactory factory) {
        TomcatConnectorCustomizer lenient = connector -> {
            connector.setProperty("relaxedQueryChars", RELAXED_CHARACTERS);
            connector.setProperty("relaxedPathChars", RELAXED_CHARACTERS);
        };
        factory.addConnectorCustomizers(lenient);
        for (int port : additionalPorts) {
            Connector connector = new Connector(TomcatServletWebServerFactory.DEFAULT_PROTOCOL);
            connector.setPort(port);
            if (factory.getAddress() != null) {
                connector.setProperty("address", factory.getAddress().getHostAddress());
            }
            lenient.customize(connector);
            factory.addAdditionalConnectors(connector);
        }
    }
}
