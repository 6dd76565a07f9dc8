package io.croupier.commission;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import io.croupier.embedded.EmbeddedInfrastructureInitializer;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.ContextConfiguration;

/** The one Spring context every integration test shares, against the JVM's in-process Kafka and PostgreSQL. */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@SpringBootTest(classes = CommissionServiceApplication.class,
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = { "croupier.events.retry.max-retries=2", "croupier.events.retry.initial-interval=50ms",
                "logging.level.state.change.logger=WARN" })
@ContextConfiguration(initializers = EmbeddedInfrastructureInitializer.class)
@Import(Driver.class)
public @interface CommissionServiceTest {
}
