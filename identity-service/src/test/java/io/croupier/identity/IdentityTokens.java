package io.croupier.identity;

import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.UUID;
import java.util.function.Consumer;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.PlainJWT;
import com.nimbusds.jwt.SignedJWT;

/** Tokens in identity-service's name that it must refuse, for its own access matrix. */
public final class IdentityTokens {

    private final String issuer;

    private final RSAKey signingKey;

    public IdentityTokens(String issuer, RSAKey signingKey) {
        this.issuer = issuer;
        this.signingKey = signingKey;
    }

    /** Signed with the service's own active key, so only the changed claims can make it fail. */
    public String signed(Consumer<JWTClaimsSet.Builder> changes) {
        SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(signingKey.getKeyID()).build(),
                claims(changes));
        try {
            jwt.sign(new RSASSASigner(signingKey));
        }
        catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
        return jwt.serialize();
    }

    public String expired() {
        Instant past = Instant.now().minus(Duration.ofHours(3));
        return signed(claims -> claims.issueTime(Date.from(past)).expirationTime(Date.from(past.plusSeconds(600))));
    }

    public String forAnotherAudience() {
        return signed(claims -> claims.audience("someone-else"));
    }

    public String unsigned() {
        return new PlainJWT(claims(claims -> {
        })).serialize();
    }

    private JWTClaimsSet claims(Consumer<JWTClaimsSet.Builder> changes) {
        Instant now = Instant.now();
        JWTClaimsSet.Builder claims = new JWTClaimsSet.Builder().issuer(issuer)
            .audience("croupier")
            .subject(IdentityServiceTest.ADMIN)
            .issueTime(Date.from(now))
            .expirationTime(Date.from(now.plusSeconds(600)))
            .jwtID(UUID.randomUUID().toString())
            .claim("roles", List.of("ADMIN"));
        changes.accept(claims);
        return claims.build();
    }
}
