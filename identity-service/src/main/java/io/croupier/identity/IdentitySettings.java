package io.croupier.identity;

import java.time.Duration;
import java.util.Base64;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings of identity-service.
 *
 * @param issuer the {@code iss} of every token this service signs, normally its own public URL; every service's
 *        {@code croupier.access.issuer} names the same value
 * @param tokens token lifetimes
 * @param signingKeys the keys tokens are signed with
 * @param logins brute-force protection of {@code POST /login}
 * @param bootstrapAdmin the first administrator, created on a first start when there is no account yet
 */
@ConfigurationProperties("croupier.identity")
public record IdentitySettings(String issuer, @DefaultValue Tokens tokens, @DefaultValue SigningKeys signingKeys,
        @DefaultValue Logins logins, @DefaultValue BootstrapAdmin bootstrapAdmin) {

    public IdentitySettings {
        if (issuer == null || issuer.isBlank()) {
            throw new IllegalStateException("croupier.identity.issuer is not set: the URL this service is reached "
                    + "at, which every service names as croupier.access.issuer");
        }
    }

    /**
     * @param ttl lifetime of a login's token; seed 002's {@code JWT_TTL_MIN} environment variable (minutes) sets it
     *        too, when this setting itself is not given
     * @param apiKeyTtl lifetime of a token exchanged for an API key; a revoked key's tokens live at most this long
     * @param maxSession how long after the password was given a token may still be renewed
     */
    public record Tokens(@DefaultValue("120m") Duration ttl, @DefaultValue("15m") Duration apiKeyTtl,
            @DefaultValue("12h") Duration maxSession) {

        /** The longest any token lives: how long a retired signing key stays published. */
        public Duration longest() {
            return ttl.compareTo(apiKeyTtl) >= 0 ? ttl : apiKeyTtl;
        }
    }

    /**
     * @param encryptionKey base64 of 32 random bytes ({@code openssl rand -base64 32}) that encrypts the private
     *        signing keys in the database; required. Changing it makes the service rotate to a new signing key
     *        at its next start (the old public key stays published until its tokens expire)
     * @param rotationInterval a signing key older than this is replaced by a new one
     * @param refreshInterval how often an instance re-reads the active key, to sign with a key another instance
     *        rotated to
     */
    public record SigningKeys(String encryptionKey, @DefaultValue("90d") Duration rotationInterval,
            @DefaultValue("30s") Duration refreshInterval) {

        public SigningKeys {
            if (encryptionKey == null || encryptionKey.isBlank()) {
                throw new IllegalStateException("croupier.identity.signing-keys.encryption-key is not set: base64 "
                        + "of 32 random bytes (openssl rand -base64 32) to encrypt the token signing keys with");
            }
            if (encryptionKeyBytes(encryptionKey).length != 32) {
                throw new IllegalStateException("croupier.identity.signing-keys.encryption-key must be base64 of "
                        + "exactly 32 bytes (openssl rand -base64 32)");
            }
        }

        public byte[] encryptionKeyBytes() {
            return encryptionKeyBytes(encryptionKey);
        }

        private static byte[] encryptionKeyBytes(String key) {
            try {
                return Base64.getDecoder().decode(key.trim());
            }
            catch (IllegalArgumentException e) {
                throw new IllegalStateException("croupier.identity.signing-keys.encryption-key is not base64", e);
            }
        }
    }

    /**
     * @param maxFailures consecutive wrong passwords after which an account refuses logins for {@code lockout}
     * @param lockout how long; the answer during it is the same 401 as for a wrong password
     */
    public record Logins(@DefaultValue("5") int maxFailures, @DefaultValue("15m") Duration lockout) {
    }

    /**
     * @param username the first administrator's username
     * @param password its password; only read when no account exists yet. Give it through the environment
     *        ({@code CROUPIER_IDENTITY_BOOTSTRAPADMIN_PASSWORD}) and change it through the API afterwards
     */
    public record BootstrapAdmin(@DefaultValue("admin") String username, String password) {
    }
}
