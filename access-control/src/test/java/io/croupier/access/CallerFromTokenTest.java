package io.croupier.access;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

import org.junit.jupiter.api.Test;
import org.springframework.security.oauth2.jwt.Jwt;

import static org.assertj.core.api.Assertions.assertThat;

/** How the roles and publisher of tokens from different OpenID Connect providers are read. */
class CallerFromTokenTest {

    @Test
    void croupierTokensCarryRolesAndThePublisherAtTheTopLevel() {
        Caller caller = caller(settings("roles", "publisher_id", Map.of()), claims -> claims
            .claim("roles", List.of("PUBLISHER"))
            .claim("publisher_id", "42")
            .claim("preferred_username", "joao123"));

        assertThat(caller.roles()).containsExactly(Role.PUBLISHER);
        assertThat(caller.publisherId()).isEqualTo("42");
        assertThat(caller.name()).isEqualTo("joao123");
        assertThat(caller.publisherScope().covers("42")).isTrue();
        assertThat(caller.publisherScope().covers("43")).isFalse();
    }

    @Test
    void keycloakRealmRolesAreReachedByADottedPathAndMappedByAlias() {
        Caller caller = caller(settings("realm_access.roles", "croupier_publisher",
                Map.of("croupier-analyst", Role.ANALYST)), claims -> claims
            .claim("realm_access", Map.of("roles", List.of("offline_access", "croupier-analyst"))));

        assertThat(caller.roles()).containsExactly(Role.ANALYST);
        assertThat(caller.publisherScope().coversEveryPublisher()).isTrue();
        assertThat(caller.name()).isEqualTo("subject-1");
    }

    @Test
    void aNamespacedClaimWithDotsInItsNameIsReadLiterally() {
        Caller caller = caller(settings("https://croupier.example/roles", "https://croupier.example/publisher",
                Map.of()), claims -> claims
            .claim("https://croupier.example/roles", List.of("PUBLISHER"))
            .claim("https://croupier.example/publisher", 7));

        assertThat(caller.roles()).containsExactly(Role.PUBLISHER);
        assertThat(caller.publisherId()).isEqualTo("7");
    }

    @Test
    void rolesMayComeAsOneSpaceSeparatedString() {
        Caller caller = caller(settings("scope", "publisher_id", Map.of()),
                claims -> claims.claim("scope", "openid MANAGER profile"));

        assertThat(caller.roles()).containsExactly(Role.MANAGER);
    }

    @Test
    void unknownRoleNamesAreIgnoredAndAPublisherWithoutItsClaimGetsNoRole() {
        Caller caller = caller(settings("roles", "publisher_id", Map.of()),
                claims -> claims.claim("roles", List.of("admin", "SUPERUSER", "PUBLISHER")));

        assertThat(caller.roles()).isEmpty();
        assertThat(caller.isOperator()).isFalse();
        assertThat(caller.publisherScope().covers("1")).isFalse();
    }

    private static Caller caller(AccessSettings settings, Consumer<Jwt.Builder> claims) {
        Jwt.Builder jwt = Jwt.withTokenValue("token")
            .header("alg", "RS256")
            .subject("subject-1")
            .issuedAt(Instant.now())
            .expiresAt(Instant.now().plus(Duration.ofMinutes(5)));
        claims.accept(jwt);
        return ((CallerAuthentication) new CallerFromToken(settings).convert(jwt.build())).caller();
    }

    private static AccessSettings settings(String rolesClaim, String publisherClaim, Map<String, Role> aliases) {
        return new AccessSettings("https://issuer.example", URI.create("https://issuer.example/keys"), "croupier",
                rolesClaim, publisherClaim, aliases, Duration.ofMinutes(5), Duration.ofHours(24),
                Duration.ofSeconds(60));
    }
}
