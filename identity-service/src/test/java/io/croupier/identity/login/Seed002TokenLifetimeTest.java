package io.croupier.identity.login;

import java.time.Duration;

import io.croupier.identity.Seed002TokenLifetime;
import org.junit.jupiter.api.Test;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.mock.env.MockEnvironment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Seed 002's JWT_TTL_MIN keeps working, and the Croupier setting wins over it. */
class Seed002TokenLifetimeTest {

    @Test
    void jwtTtlMinSetsTheTokenLifetimeInMinutes() {
        MockEnvironment environment = new MockEnvironment().withProperty("JWT_TTL_MIN", "45");

        new Seed002TokenLifetime().postProcessEnvironment(environment, new SpringApplication());

        assertThat(ttl(environment)).isEqualTo(Duration.ofMinutes(45));
    }

    @Test
    void theCroupierSettingWinsOverJwtTtlMin() {
        MockEnvironment environment = new MockEnvironment().withProperty("JWT_TTL_MIN", "45")
            .withProperty("croupier.identity.tokens.ttl", "10m");

        new Seed002TokenLifetime().postProcessEnvironment(environment, new SpringApplication());

        assertThat(ttl(environment)).isEqualTo(Duration.ofMinutes(10));
    }

    @Test
    void aJwtTtlMinThatIsNotAPositiveNumberStopsTheStart() {
        MockEnvironment environment = new MockEnvironment().withProperty("JWT_TTL_MIN", "two hours");

        assertThatThrownBy(() -> new Seed002TokenLifetime().postProcessEnvironment(environment,
                new SpringApplication())).hasMessageContaining("JWT_TTL_MIN");
    }

    private static Duration ttl(MockEnvironment environment) {
        return Binder.get(environment).bind("croupier.identity.tokens.ttl", Duration.class).get();
    }
}
