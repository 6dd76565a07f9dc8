package io.croupier.identity;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import io.croupier.embedded.EmbeddedInfrastructureInitializer;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.ContextConfiguration;

/**
 * The one Spring context the identity tests share: the whole service on a port of its own, trusting its own
 * tokens (as it does in production), against the JVM's real Kafka broker and PostgreSQL, with a first administrator.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.DEFINED_PORT,
        properties = { "croupier.identity.signing-keys.encryption-key=" + IdentityServiceTest.ENCRYPTION_KEY,
                "croupier.identity.bootstrap-admin.username=" + IdentityServiceTest.ADMIN,
                "croupier.identity.bootstrap-admin.password=" + IdentityServiceTest.ADMIN_PASSWORD,
                "croupier.identity.logins.max-failures=3", "croupier.events.retry.max-retries=1",
                "croupier.events.retry.initial-interval=50ms", "croupier.access.revoked-sessions-refresh=200ms" })
@ContextConfiguration(initializers = { EmbeddedInfrastructureInitializer.class, OwnIssuer.class })
public @interface IdentityServiceTest {

    String ENCRYPTION_KEY = "7+JDFohHmbB/r3YdS5JyBuPk1M/Egyw9lY0ZyewA3m4=";

    String ADMIN = "root-admin";

    String ADMIN_PASSWORD = "first-admin-password";
}
