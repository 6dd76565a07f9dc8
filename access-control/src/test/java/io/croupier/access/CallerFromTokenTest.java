package io.croupier.access;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;
import org.springframework.security.oauth2.jwt.Jwt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

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

    @Test
    void roleAliasesBindWithTheProvidersOwnNamesAndTheKeySetDefaultsToTheIssuers() {
        AccessSettings settings = new Binder(new MapConfigurationPropertySource(Map.of(
                "croupier.access.issuer", "https://sso.example.com/realms/croupier/",
                "croupier.access.role-aliases[croupier-admin]", "ADMIN",
                "croupier.access.role-aliases[Croupier.Analyst]", "ANALYST")))
            .bind("croupier.access", AccessSettings.class)
            .get();

        assertThat(settings.roleAliases()).containsEntry("croupier-admin", Role.ADMIN)
            .containsEntry("Croupier.Analyst", Role.ANALYST);
        assertThat(settings.jwkSetUri())
            .hasToString("https://sso.example.com/realms/croupier/.well-known/jwks.json");
        assertThat(settings.audience()).isEqualTo("croupier");
    }

    @Test
    void withoutAnIssuerTheSettingsDoNotBindSoNoServiceStartsOpen() {
        assertThatThrownBy(() -> new Binder(new MapConfigurationPropertySource(Map.of("croupier.access.audience", "x")))
            .bindOrCreate("croupier.access", AccessSettings.class))
            .hasRootCauseMessage("croupier.access.issuer is not set: name the token issuer this service trusts "
                    + "(identity-service's URL, or your OpenID Connect provider's issuer)");
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
                Duration.ofSeconds(60), null, Duration.ofSeconds(30));
    }
}
