package io.croupier.identity.token;

import io.croupier.access.AccessSettings;
import io.croupier.access.TokenValidation;
import io.croupier.identity.IdentitySettings;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.oauth2.jwt.JwtDecoder;

@Configuration(proxyBeanMethods = false)
class OwnTokenValidation {

    /**
     * When the platform trusts this service's tokens, it checks them against the keys and the revoked sessions in
     * its own database, which are never behind (a key rotated by another instance a moment ago is there), rather
     * than over HTTP to itself.
     * With an external OpenID Connect provider it validates that provider's tokens like any other service.
     */
    @Bean
    JwtDecoder tokenDecoder(AccessSettings access, IdentitySettings identity, SigningKeys keys,
            SessionRevocations revocations) {
        if (!access.issuer().equals(identity.issuer())) {
            return TokenValidation.decoder(access);
        }
        return TokenValidation.decoder(access, (selector, context) -> selector.select(keys.published()),
                revocations);
    }
}
