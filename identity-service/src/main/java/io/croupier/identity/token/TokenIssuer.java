package io.croupier.identity.token;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.function.Consumer;

import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.source.ImmutableJWKSet;
import io.croupier.access.AccessSettings;
import io.croupier.access.Role;
import io.croupier.identity.IdentitySettings;
import org.springframework.security.oauth2.jose.jws.SignatureAlgorithm;
import org.springframework.security.oauth2.jwt.JwsHeader;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtClaimsSet;
import org.springframework.security.oauth2.jwt.JwtEncoderParameters;
import org.springframework.security.oauth2.jwt.NimbusJwtEncoder;
import org.springframework.stereotype.Component;

/**
 * Signs the platform's access tokens (RS256, with Spring Security's Nimbus encoder): issuer, the audience every
 * service checks, subject, expiry, the caller's role and, for a publisher, its publisher id. A login's tokens carry
 * {@code auth_time}, the moment the password was given, which bounds how long they can be renewed.
 */
@Component
public class TokenIssuer {

    static final String ROLES = "roles";

    static final String PUBLISHER_ID = "publisher_id";

    static final String AUTH_TIME = "auth_time";

    static final String CLIENT_ID = "client_id";

    /** When the password the login proved was set; a later change ends the session's renewals. */
    static final String PASSWORD_CHANGED_AT = "password_changed_at";

    private final SigningKeys keys;

    private final String issuer;

    private final String audience;

    private final IdentitySettings.Tokens settings;

    private final Clock clock = Clock.systemUTC();

    TokenIssuer(SigningKeys keys, IdentitySettings identity, AccessSettings access) {
        this.keys = keys;
        this.issuer = identity.issuer();
        this.audience = access.audience();
        this.settings = identity.tokens();
    }

    /** For a person's session, acting now as {@code role}. */
    public IssuedToken forLogin(Session session, Role role, String publisherId) {
        return issue(session.username(), role, publisherId, settings.ttl(), claims -> claims
            .claim("preferred_username", session.username())
            .claim(AUTH_TIME, session.authenticatedAt().getEpochSecond())
            .claim(PASSWORD_CHANGED_AT, session.passwordChangedAt().toEpochMilli()));
    }

    /** For a machine client that presented the API key {@code clientId}. */
    public IssuedToken forApiKey(String clientId, Role role, String publisherId) {
        return issue(clientId, role, publisherId, settings.apiKeyTtl(), claims -> claims.claim(CLIENT_ID, clientId));
    }

    /** Whether a token is one this service signed for a login (not for an API key), which may be renewed. */
    public static boolean isLoginToken(Jwt jwt) {
        return jwt.hasClaim(AUTH_TIME) && jwt.hasClaim(PASSWORD_CHANGED_AT) && !jwt.hasClaim(CLIENT_ID);
    }

    /** The session a token of {@link #isLoginToken} belongs to. */
    public static Session sessionOf(Jwt jwt) {
        Object authTime = jwt.getClaim(AUTH_TIME);
        Instant authenticatedAt = authTime instanceof Instant instant ? instant
                : Instant.ofEpochSecond(((Number) authTime).longValue());
        Number passwordChangedAt = jwt.getClaim(PASSWORD_CHANGED_AT);
        return new Session(jwt.getSubject(), authenticatedAt, Instant.ofEpochMilli(passwordChangedAt.longValue()));
    }

    /**
     * A person's login and the tokens renewed from it: who, when the password was given, and when that password had
     * been set.
     */
    public record Session(String username, Instant authenticatedAt, Instant passwordChangedAt) {
    }

    private IssuedToken issue(String subject, Role role, String publisherId, Duration lifetime,
            Consumer<JwtClaimsSet.Builder> extra) {
        Instant now = clock.instant();
        Instant expiresAt = now.plus(lifetime);
        JwtClaimsSet.Builder claims = JwtClaimsSet.builder()
            .issuer(issuer)
            .audience(List.of(audience))
            .subject(subject)
            .issuedAt(now)
            .notBefore(now)
            .expiresAt(expiresAt)
            .id(UUID.randomUUID().toString())
            .claim(ROLES, List.of(role.name()));
        if (publisherId != null) {
            claims.claim(PUBLISHER_ID, publisherId);
        }
        extra.accept(claims);
        RSAKey key = keys.active();
        NimbusJwtEncoder encoder = new NimbusJwtEncoder(new ImmutableJWKSet<>(new JWKSet(key)));
        JwsHeader header = JwsHeader.with(SignatureAlgorithm.RS256).keyId(key.getKeyID()).type("JWT").build();
        String token = encoder.encode(JwtEncoderParameters.from(header, claims.build())).getTokenValue();
        return new IssuedToken(token, expiresAt, lifetime);
    }
}
