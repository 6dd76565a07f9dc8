package io.croupier.secrets.digest;

import java.util.Base64;
import java.util.List;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The key of the look-up digests of offer secrets. Every service that writes or compares such digests (click-service,
 * postback-service) must hold the same key; it never travels on Kafka and never sits in a table.
 *
 * @param key base64 of at least 32 random bytes ({@code openssl rand -base64 32})
 * @param previousKeys keys digests were made with before {@code key} replaced them: secrets digested under them still
 *        find their offer until they are rotated
 */
@ConfigurationProperties("croupier.secrets.digest")
public record SecretDigestSettings(String key, @DefaultValue List<String> previousKeys) {

    static final int MIN_KEY_BYTES = 32;

    public SecretDigestSettings {
        requireKey(key, "croupier.secrets.digest.key");
        previousKeys.forEach(previous -> requireKey(previous, "croupier.secrets.digest.previous-keys"));
        previousKeys = List.copyOf(previousKeys);
    }

    private static void requireKey(String key, String setting) {
        if (key == null || key.isBlank()) {
            throw new IllegalArgumentException(setting + " is not set: give it the base64 of " + MIN_KEY_BYTES
                    + " random bytes (openssl rand -base64 32), the same in every service that digests offer secrets");
        }
        byte[] bytes;
        try {
            bytes = Base64.getDecoder().decode(key.strip());
        }
        catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(setting + " is not valid base64");
        }
        if (bytes.length < MIN_KEY_BYTES) {
            throw new IllegalArgumentException(setting + " must hold at least " + MIN_KEY_BYTES + " bytes");
        }
    }
}
