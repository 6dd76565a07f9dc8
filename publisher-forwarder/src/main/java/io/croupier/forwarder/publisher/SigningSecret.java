package io.croupier.forwarder.publisher;

import java.security.SecureRandom;
import java.util.Base64;

/**
 * A Standard Webhooks signing secret: {@code whsec_} followed by the base64 of the HMAC key, at least 24 random bytes.
 */
public record SigningSecret(String value) {

    private static final String PREFIX = "whsec_";

    private static final int MIN_KEY_BYTES = 24;

    private static final int GENERATED_KEY_BYTES = 32;

    private static final SecureRandom RANDOM = new SecureRandom();

    static SigningSecret generate() {
        byte[] key = new byte[GENERATED_KEY_BYTES];
        RANDOM.nextBytes(key);
        return new SigningSecret(PREFIX + Base64.getEncoder().encodeToString(key));
    }

    /** @throws InvalidPublisherException when the secret is not {@code whsec_<base64 of at least 24 bytes>} */
    static SigningSecret parse(String value) {
        if (value == null || !value.startsWith(PREFIX)) {
            throw new InvalidPublisherException("signing_secret must look like whsec_<base64 of at least "
                    + MIN_KEY_BYTES + " random bytes>; omit it to have one generated");
        }
        SigningSecret secret = new SigningSecret(value);
        byte[] key;
        try {
            key = secret.key();
        }
        catch (IllegalArgumentException e) {
            throw new InvalidPublisherException("signing_secret is not valid base64 after whsec_");
        }
        if (key.length < MIN_KEY_BYTES) {
            throw new InvalidPublisherException("signing_secret must hold at least " + MIN_KEY_BYTES + " bytes");
        }
        return secret;
    }

    /** The HMAC key. */
    public byte[] key() {
        return Base64.getDecoder().decode(value.substring(PREFIX.length()));
    }

    @Override
    public String toString() {
        return "SigningSecret[hidden]";
    }
}
