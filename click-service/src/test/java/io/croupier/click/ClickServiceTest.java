package io.croupier.click;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import io.croupier.embedded.EmbeddedInfrastructureInitializer;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.ContextConfiguration;

/**
 * The one Spring context every integration test shares: the whole service on a random port against the JVM's real
 * Kafka broker and PostgreSQL. The loopback is a trusted proxy so tests can send {@code X-Forwarded-For}.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = { "croupier.click.redirect.trusted-proxies=127.0.0.1,::1", "croupier.events.retry.max-retries=1",
                "croupier.events.retry.initial-interval=50ms", "croupier.click.routing.catalogue-refresh=500ms" })
@ContextConfiguration(initializers = EmbeddedInfrastructureInitializer.class)
public @interface ClickServiceTest {
}
