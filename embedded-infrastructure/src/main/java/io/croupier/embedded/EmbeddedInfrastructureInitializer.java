package io.croupier.embedded;

import java.util.Map;

import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.MapPropertySource;

/**
 * Points a Spring test context at the JVM's shared in-process Kafka broker and PostgreSQL, and makes it trust the
 * JVM's {@link TestIssuer}: {@code @ContextConfiguration(initializers = EmbeddedInfrastructureInitializer.class)}.
 */
public class EmbeddedInfrastructureInitializer implements ApplicationContextInitializer<ConfigurableApplicationContext> {

    @Override
    public void initialize(ConfigurableApplicationContext context) {
        InProcessKafka kafka = TestInfrastructure.kafka();
        InProcessPostgres postgres = TestInfrastructure.postgres();
        TestIssuer issuer = TestInfrastructure.issuer();
        context.getEnvironment().getPropertySources().addFirst(new MapPropertySource("embeddedInfrastructure", Map.of(
                "spring.kafka.bootstrap-servers", kafka.bootstrapServers(),
                "spring.datasource.url", postgres.jdbcUrl(),
                "spring.datasource.username", postgres.username(),
                "spring.datasource.password", postgres.password(),
                "croupier.access.issuer", issuer.url(),
                "croupier.access.jwk-set-uri", issuer.jwkSetUri())));
    }
}
