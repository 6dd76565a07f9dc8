package io.croupier.frontdoor;

import java.net.http.HttpClient;
import java.time.Clock;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.autoconfigure.context.PropertyPlaceholderAutoConfiguration;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.tomcat.autoconfigure.servlet.TomcatServletWebServerAutoConfiguration;
import org.springframework.boot.web.servlet.ServletRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.PropertySource;

/**
 * The front door as an application of its own: one servlet on an embedded Tomcat. It imports only the
 * auto-configuration it needs, so that it also runs inside the local stack's JVM, whose class path holds every
 * service's.
 */
@SpringBootConfiguration
@ImportAutoConfiguration({ PropertyPlaceholderAutoConfiguration.class,
        TomcatServletWebServerAutoConfiguration.class })
@EnableConfigurationProperties(FrontDoorSettings.class)
@PropertySource("classpath:front-door.properties")
public class FrontDoorApplication {

    public static void main(String[] args) {
        SpringApplication.run(FrontDoorApplication.class, args);
    }

    /** HTTP/1.1 like the services speak; a redirect is the service's answer, passed on, never followed here. */
    @Bean
    HttpClient frontDoorClient(FrontDoorSettings settings) {
        return HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .followRedirects(HttpClient.Redirect.NEVER)
            .connectTimeout(settings.connectTimeout())
            .build();
    }

    @Bean
    ApiDefinitions apiDefinitions(HttpClient frontDoorClient, FrontDoorSettings settings) {
        return new ApiDefinitions(frontDoorClient, settings, BuildVersion.read(), Clock.systemUTC());
    }

    @Bean
    ServletRegistrationBean<ProxyServlet> proxyServlet(HttpClient frontDoorClient, FrontDoorSettings settings,
            ApiDefinitions definitions) {
        return new ServletRegistrationBean<>(new ProxyServlet(frontDoorClient, settings,
                new HealthFanOut(frontDoorClient, settings), new ServiceDocs(definitions)), "/*");
    }

    /** The documentation page; its paths are more specific than the proxy's, so the servlet container prefers it. */
    @Bean
    ServletRegistrationBean<DocsServlet> docsServlet(ApiDefinitions definitions) {
        return new ServletRegistrationBean<>(new DocsServlet(definitions), "/docs/*", "/openapi.json", "/redoc",
                "/redoc/*");
    }

    @Bean
    FrontDoorConnectors frontDoorConnectors(FrontDoorSettings settings) {
        return new FrontDoorConnectors(settings.additionalPorts());
    }
}
