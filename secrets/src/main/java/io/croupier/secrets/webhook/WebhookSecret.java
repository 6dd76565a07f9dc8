package io.croupier.secrets.webhook;

import java.security.SecureRandom;
import java.util.Base64;

/**
 * A Standard Webhooks signing secret: {@code whsec_} followed by the base64 of the HMAC key, at least 24 random bytes.
 * Its {@code toString} never shows the value.
 */
public record WebhookSecret(String value) {

    private static final String PREFIX = "whsec_";

    public static final int MIN_KEY_BYTES = 24;

    private static final int GENERATED_KEY_BYTES = 32;

    private static final SecureRandom RANDOM = new SecureRandom();

    public static WebhookSecret generate() {
        byte[] key = new byte[GENERATED_KEY_BYTES];
        RANDOM.nextBytes(key);
        return new WebhookSecret(PREFIX + Base64.getEncoder().encodeToString(key));
    }

    /** @throws IllegalArgumentException when the value is not {@code whsec_<base64 of at least 24 bytes>} */
    public static WebhookSecret parse(String value) {
        if (value == null || !value.startsWith(PREFIX)) {
            throw new IllegalArgumentException("must look like whsec_<base64 of at least " + MIN_KEY_BYTES
                    + " random bytes>");
        }
        WebhookSecret secret = new WebhookSecret(value);
        byte[] key;
        try {
            key = secret.key();
        }
        catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("is not valid base64 after whsec_");
        }
        if (key.length < MIN_KEY_BYTES) {
            throw new IllegalArgumentException("must hold at least " + MIN_KEY_BYTES + " bytes");
        }
        return secret;
    }

    /** The HMAC key. */
    public byte[] key() {
        return Base64.getDecoder().decode(value.substring(PREFIX.length()));
    }

    /** What may be shown once the secret was handed out: the prefix and the last four characters. */
    public String masked() {
        return masked(value.substring(value.length() - 4));
    }

    /** The masked form of a secret known only by its last four characters. */
    public static String masked(String lastFour) {
        return PREFIX + "****" + lastFour;
    }

    @Override
    public String toString() {
        return "WebhookSecret[hidden]";
    }
}
