package io.croupier.access;

import java.net.URI;
import java.time.Duration;
import java.util.Map;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Which tokens this service accepts. Any OpenID Connect provider can issue them: Croupier's identity-service by
 * default, or Keycloak, Auth0 or Entra ID by setting the issuer, its key set and the two claims below.
 *
 * @param issuer the {@code iss} every accepted token carries; required, so that no service ever starts open
 * @param jwkSetUri where the issuer publishes its signing keys; {@code <issuer>/.well-known/jwks.json} when unset
 * @param audience the {@code aud} every accepted token must name
 * @param rolesClaim the claim that lists the caller's roles; a dotted path reaches into nested claims
 *        ({@code realm_access.roles} for Keycloak) when no claim has the literal name
 * @param publisherClaim the claim that carries a {@code PUBLISHER}'s publisher id
 * @param roleAliases the provider's role names mapped to Croupier's, e.g. {@code croupier-admin: ADMIN}; the four
 *        role names themselves always map to themselves
 * @param keysCacheTtl how long fetched signing keys are used before they are fetched again; a token signed by a key
 *        not in the cache makes the service fetch them at once (at most twice per 30 s)
 * @param keysOutageTolerance how long the last fetched keys are still used while the issuer cannot be reached
 * @param clockSkew tolerance on {@code exp} and {@code nbf} for clocks that drift apart
 * @param revokedSessionsUri where the issuer lists the sessions it revoked ({@link RevokedSessions});
 *        {@code <issuer>/.well-known/revoked-sessions.json} when unset; an issuer that answers 404 there revokes nothing
 * @param revokedSessionsRefresh how often that list is read again: the longest a revoked session still gets in
 */
@ConfigurationProperties("croupier.access")
public record AccessSettings(String issuer, URI jwkSetUri, @DefaultValue("croupier") String audience,
        @DefaultValue("roles") String rolesClaim, @DefaultValue("publisher_id") String publisherClaim,
        @DefaultValue Map<String, Role> roleAliases, @DefaultValue("5m") Duration keysCacheTtl,
        @DefaultValue("24h") Duration keysOutageTolerance, @DefaultValue("60s") Duration clockSkew,
        URI revokedSessionsUri, @DefaultValue("30s") Duration revokedSessionsRefresh) {

    public AccessSettings {
        if (issuer == null || issuer.isBlank()) {
            throw new IllegalStateException("croupier.access.issuer is not set: name the token issuer this service "
                    + "trusts (identity-service's URL, or your OpenID Connect provider's issuer)");
        }
        if (jwkSetUri == null) {
            jwkSetUri = URI.create(issuer.replaceAll("/+$", "") + "/.well-known/jwks.json");
        }
        if (revokedSessionsUri == null) {
            revokedSessionsUri = URI.create(issuer.replaceAll("/+$", "") + "/.well-known/revoked-sessions.json");
        }
    }
}
