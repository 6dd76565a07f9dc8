package io.croupier.identity;

import java.util.Map;

import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.env.DefaultPropertiesPropertySource;
import org.springframework.core.env.ConfigurableEnvironment;

/**
 * Honours seed 002's {@code JWT_TTL_MIN} (token lifetime in minutes) as a low-precedence default of
 * {@code croupier.identity.tokens.ttl}: deployments that set it keep working, and the Croupier setting, when given,
 * wins.
 */
public class Seed002TokenLifetime implements EnvironmentPostProcessor {

    static final String VARIABLE = "JWT_TTL_MIN";

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
        String minutes = environment.getProperty(VARIABLE);
        if (minutes == null || minutes.isBlank()) {
            return;
        }
        int value;
        try {
            value = Integer.parseInt(minutes.trim());
        }
        catch (NumberFormatException e) {
            throw new IllegalStateException(VARIABLE + " must be a whole number of minutes, not " + minutes, e);
        }
        if (value <= 0) {
            throw new IllegalStateException(VARIABLE + " must be positive, not " + minutes);
        }
        DefaultPropertiesPropertySource.addOrMerge(Map.of("croupier.identity.tokens.ttl", value + "m"),
                environment.getPropertySources());
    }
}
