package io.croupier.secrets.webhook;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Base64;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Standard Webhooks signatures (https://www.standardwebhooks.com/): {@code v1,} followed by the base64 of
 * HMAC-SHA256 over {@code <id>.<timestamp>.<content>}. A signature header may list several space-separated signatures
 * (a sender rotating its secret signs with both); one that matches is enough. Comparisons are constant-time.
 */
public final class WebhookSignatures {

    private static final String VERSION = "v1,";

    private WebhookSignatures() {
    }

    public static String sign(byte[] key, String id, long timestampSeconds, byte[] content) {
        return VERSION + Base64.getEncoder().encodeToString(mac(key, id, timestampSeconds, content));
    }

    /**
     * Whether any {@code v1} signature of the list is the MAC of this message under the key. Both base64 alphabets
     * are read, with or without padding, so a signature carried in a URL may use the URL-safe one.
     */
    public static boolean anyMatches(byte[] key, String id, long timestampSeconds, byte[] content,
            String signatures) {
        byte[] expected = mac(key, id, timestampSeconds, content);
        boolean matched = false;
        for (String signature : signatures.strip().split("\\s+")) {
            if (signature.startsWith(VERSION)) {
                byte[] given = decode(signature.substring(VERSION.length()));
                matched |= given != null && MessageDigest.isEqual(expected, given);
            }
        }
        return matched;
    }

    private static byte[] decode(String base64) {
        try {
            return Base64.getDecoder().decode(base64.replace('-', '+').replace('_', '/'));
        }
        catch (IllegalArgumentException e) {
            return null;
        }
    }

    private static byte[] mac(byte[] key, String id, long timestampSeconds, byte[] content) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            mac.update((id + "." + timestampSeconds + ".").getBytes(StandardCharsets.UTF_8));
            return mac.doFinal(content);
        }
        catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is part of every Java runtime", e);
        }
    }
}
