package io.croupier.secrets.digest;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.InvalidKeyException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Look-up digests of secrets that must find their owner: a seed 001 postback secret finds its offer, a seed 004
 * partner key in the URL path finds its offer. A digest is {@code <key id>.<base64url HMAC-SHA256 of the secret>}.
 * <p>
 * Why a keyed HMAC: the look-up needs the same digest for the same secret every time, so a salted password hash
 * (bcrypt, Argon2) cannot be indexed, and hashing every stored secret per request is no option. A bare SHA-256 is
 * safe for the generated secrets (192 random bits) but not for secrets people choose ({@code your-secure-secret-token}):
 * whoever reads the offers topic or a replica table could try a dictionary against it at billions of guesses per
 * second. Keyed with a key that lives only in the services' configuration, the digests on the topic and in the tables
 * are worthless without that key, whatever the secret's entropy.
 * <p>
 * The key id (derived from the key, revealing nothing of it) says which key made a digest, so a service holding the
 * wrong key notices and previous keys keep working after the key is replaced.
 */
public final class SecretDigest {

    private static final String ALGORITHM = "HmacSHA256";

    private static final byte[] KEY_ID_LABEL = "croupier secret digest key id".getBytes(StandardCharsets.UTF_8);

    private static final int KEY_ID_LENGTH = 8;

    private static final Base64.Encoder BASE64URL = Base64.getUrlEncoder().withoutPadding();

    private final DigestKey current;

    private final List<DigestKey> all;

    private final List<String> keyIds;

    /** @param keys the current key first */
    private SecretDigest(List<SecretKeySpec> keys) {
        this.all = keys.stream().map(DigestKey::of).toList();
        this.current = this.all.get(0);
        this.keyIds = this.all.stream().map(DigestKey::id).toList();
    }

    public static SecretDigest of(SecretDigestSettings settings) {
        List<SecretKeySpec> keys = new ArrayList<>();
        keys.add(key(settings.key()));
        settings.previousKeys().stream().map(SecretDigest::key).forEach(keys::add);
        return new SecretDigest(keys);
    }

    /** The digest under the current key: what is stored and published for a new or rotated secret. */
    public String digest(String secret) {
        return digest(current, secret);
    }

    /** The digests the secret would have under every key still accepted, current first: what a look-up compares. */
    public List<String> candidates(String secret) {
        return all.stream().map(key -> digest(key, secret)).toList();
    }

    /** Whether the digest was made with a key this service holds. */
    public boolean madeWithKnownKey(String digest) {
        int dot = digest.indexOf('.');
        return dot > 0 && keyIds.contains(digest.substring(0, dot));
    }

    private static String digest(DigestKey key, String secret) {
        return key.id() + "." + BASE64URL.encodeToString(key.mac(secret.getBytes(StandardCharsets.UTF_8)));
    }

    /**
     * A key with its id, computed once, and a {@link Mac} initialised with it once: every look-up (a postback) copies
     * that one instead of finding the algorithm's provider and preparing the key again.
     */
    private record DigestKey(String id, Mac initialised) {

        static DigestKey of(SecretKeySpec key) {
            Mac mac = newMac(key);
            return new DigestKey(BASE64URL.encodeToString(mac.doFinal(KEY_ID_LABEL)).substring(0, KEY_ID_LENGTH),
                    mac);
        }

        byte[] mac(byte[] message) {
            try {
                return ((Mac) initialised.clone()).doFinal(message);
            }
            catch (CloneNotSupportedException e) {
                throw new IllegalStateException("the " + ALGORITHM + " provider cannot copy an initialised Mac", e);
            }
        }

        private static Mac newMac(SecretKeySpec key) {
            try {
                Mac mac = Mac.getInstance(ALGORITHM);
                mac.init(key);
                return mac;
            }
            catch (InvalidKeyException e) {
                throw new IllegalStateException("the digest key was refused by " + ALGORITHM, e);
            }
            catch (GeneralSecurityException e) {
                throw new IllegalStateException(ALGORITHM + " is part of every Java runtime", e);
            }
        }
    }

    private static SecretKeySpec key(String base64) {
        return new SecretKeySpec(Base64.getDecoder().decode(base64.strip()), ALGORITHM);
    }
}
