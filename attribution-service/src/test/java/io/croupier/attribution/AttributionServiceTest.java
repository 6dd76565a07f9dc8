package io.croupier.attribution;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import io.croupier.embedded.EmbeddedInfrastructureInitializer;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.ContextConfiguration;

/**
 * The one Spring context every test class shares (same annotations, same properties, so it is cached), on the real
 * in-process broker and database, with short grace and retry periods so waiting paths finish in seconds.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@SpringBootTest(classes = AttributionServiceApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = { AttributionServiceTest.GRACE_PERIOD, "croupier.attribution.conversions.retry-interval=200ms",
                "croupier.attribution.conversions.unattributed-recheck-interval=500ms",
                "croupier.attribution.performance.publish-interval=300ms", "croupier.events.retry.max-retries=2",
                "croupier.events.retry.initial-interval=50ms", "logging.level.state.change.logger=WARN" })
@ContextConfiguration(initializers = EmbeddedInfrastructureInitializer.class)
public @interface AttributionServiceTest {

    String GRACE_PERIOD = "croupier.attribution.conversions.grace-period=2s";
}
