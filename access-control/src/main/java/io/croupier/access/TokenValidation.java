package io.croupier.access;

import java.net.MalformedURLException;
import java.time.Clock;
import java.util.List;

import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.jwk.source.JWKSourceBuilder;
import com.nimbusds.jose.proc.SecurityContext;
import org.springframework.security.oauth2.core.DelegatingOAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.jose.jws.SignatureAlgorithm;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtAudienceValidator;
import org.springframework.security.oauth2.jwt.JwtClaimNames;
import org.springframework.security.oauth2.jwt.JwtClaimValidator;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtIssuerValidator;
import org.springframework.security.oauth2.jwt.JwtTimestampValidator;
import org.springframework.security.oauth2.jwt.JwtTypeValidator;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;

/**
 * The decoder every service validates bearer tokens with, on its own: the signature against the issuer's published
 * keys (fetched, cached, re-fetched when a token names a key not seen yet, kept through an issuer outage), then the
 * issuer, the audience, the expiry (required), the subject, and that the subject's session was not revoked since the
 * token was issued ({@link RevokedSessions}). Unsigned tokens ({@code alg: none}) and HMAC-signed
 * ones are refused by the algorithm list: only the issuer's public keys can verify a token.
 */
public final class TokenValidation {

    /** What OpenID Connect providers sign with; symmetric algorithms are left out on purpose. */
    private static final List<SignatureAlgorithm> ALGORITHMS = List.of(SignatureAlgorithm.RS256,
            SignatureAlgorithm.RS384, SignatureAlgorithm.RS512, SignatureAlgorithm.PS256, SignatureAlgorithm.PS384,
            SignatureAlgorithm.PS512, SignatureAlgorithm.ES256, SignatureAlgorithm.ES384, SignatureAlgorithm.ES512);

    /**
     * The decoder for tokens whose keys are published at {@link AccessSettings#jwkSetUri()} and whose revoked
     * sessions at {@link AccessSettings#revokedSessionsUri()}.
     */
    public static JwtDecoder decoder(AccessSettings settings) {
        return decoder(settings, keys(settings), new PublishedRevokedSessions(settings.revokedSessionsUri()));
    }

    /**
     * The same checks against keys and revoked sessions from elsewhere: identity-service validates its own tokens
     * against what its database holds rather than over HTTP to itself.
     */
    public static JwtDecoder decoder(AccessSettings settings, JWKSource<SecurityContext> keys,
            RevokedSessions.Source revokedSessions) {
        NimbusJwtDecoder decoder = NimbusJwtDecoder.withJwkSource(keys)
            .jwsAlgorithms(algorithms -> algorithms.addAll(ALGORITHMS))
            .build();
        decoder.setJwtValidator(new DelegatingOAuth2TokenValidator<>(validator(settings),
                new RevokedSessions(revokedSessions, settings.revokedSessionsRefresh(), Clock.systemUTC())));
        return decoder;
    }

    private static JWKSource<SecurityContext> keys(AccessSettings settings) {
        try {
            return JWKSourceBuilder.<SecurityContext>create(settings.jwkSetUri().toURL())
                .cache(settings.keysCacheTtl().toMillis(), JWKSourceBuilder.DEFAULT_CACHE_REFRESH_TIMEOUT)
                .outageTolerant(settings.keysOutageTolerance().toMillis())
                .build();
        }
        catch (MalformedURLException | IllegalArgumentException e) {
            throw new IllegalStateException("croupier.access.jwk-set-uri is not a URL: " + settings.jwkSetUri(), e);
        }
    }

    private static OAuth2TokenValidator<Jwt> validator(AccessSettings settings) {
        JwtTimestampValidator expiry = new JwtTimestampValidator(settings.clockSkew());
        expiry.setAllowEmptyExpiryClaim(false);
        JwtTypeValidator type = new JwtTypeValidator("JWT", "at+jwt", "application/at+jwt");
        type.setAllowEmpty(true);
        return new DelegatingOAuth2TokenValidator<>(List.of(type, expiry, new JwtIssuerValidator(settings.issuer()),
                new JwtAudienceValidator(settings.audience()),
                new JwtClaimValidator<String>(JwtClaimNames.SUB, subject -> subject != null && !subject.isBlank())));
    }

    private TokenValidation() {
    }
}
