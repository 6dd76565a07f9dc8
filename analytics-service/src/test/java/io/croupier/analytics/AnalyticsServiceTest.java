package io.croupier.analytics;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import io.croupier.embedded.EmbeddedInfrastructureInitializer;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.ContextConfiguration;

/**
 * The one Spring context every integration test shares (same annotations, same properties, so it is cached), on the
 * real in-process broker and database. The daily schedule is off here: tests run the pipeline for the days they own,
 * and {@code ScheduledRunTest} starts instances with a schedule of their own.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@SpringBootTest(classes = AnalyticsServiceApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = { "croupier.analytics.pipeline.schedule=-", "croupier.events.retry.max-retries=2",
                "croupier.events.retry.initial-interval=50ms", "logging.level.state.change.logger=WARN" })
@ContextConfiguration(initializers = EmbeddedInfrastructureInitializer.class)
public @interface AnalyticsServiceTest {
}
