package io.croupier.secrets.atrest;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Arrays;

import com.google.crypto.tink.Aead;
import com.google.crypto.tink.KeysetHandle;
import com.google.crypto.tink.RegistryConfiguration;
import com.google.crypto.tink.aead.AeadKey;

/**
 * Encrypts secrets for storage with a Tink AEAD keyset (AES-256-GCM by default). Every ciphertext starts with the id of
 * the key that made it, so a keyset holding old and new keys decrypts both, and {@link #underPrimaryKey} tells which
 * rows still need re-encrypting after a rotation. The associated data binds a ciphertext to the row it belongs to:
 * copied into another row, it no longer decrypts.
 */
public final class SecretCipher {

    private final Aead aead;

    private final int primaryKeyId;

    private final byte[] primaryPrefix;

    private SecretCipher(Aead aead, int primaryKeyId, byte[] primaryPrefix) {
        this.aead = aead;
        this.primaryKeyId = primaryKeyId;
        this.primaryPrefix = primaryPrefix;
    }

    /** @throws IllegalArgumentException when the keyset does not parse or holds keys that cannot be told apart */
    public static SecretCipher of(String keysetJson) {
        // Keysets registers Tink's AEAD key types before it parses.
        KeysetHandle keyset = Keysets.parse(keysetJson);
        try {
            for (int i = 0; i < keyset.size(); i++) {
                if (!(keyset.getAt(i).getKey() instanceof AeadKey key) || key.getOutputPrefix().size() == 0) {
                    throw new IllegalArgumentException("every key of croupier.secrets.encryption.keyset must be an "
                            + "AEAD key with Tink's output prefix (key " + keyset.getAt(i).getId() + " is not)");
                }
            }
            AeadKey primary = (AeadKey) keyset.getPrimary().getKey();
            return new SecretCipher(keyset.getPrimitive(RegistryConfiguration.get(), Aead.class),
                    keyset.getPrimary().getId(), primary.getOutputPrefix().toByteArray());
        }
        catch (GeneralSecurityException e) {
            throw new IllegalArgumentException("croupier.secrets.encryption.keyset is not a usable AEAD keyset: "
                    + e.getClass().getSimpleName());
        }
    }

    public byte[] encrypt(String plaintext, String associatedData) {
        try {
            return aead.encrypt(plaintext.getBytes(StandardCharsets.UTF_8),
                    associatedData.getBytes(StandardCharsets.UTF_8));
        }
        catch (GeneralSecurityException e) {
            throw new IllegalStateException("encryption failed", e);
        }
    }

    /** @throws IllegalStateException when no key of the keyset opens it, or it belongs to another row */
    public String decrypt(byte[] ciphertext, String associatedData) {
        try {
            return new String(aead.decrypt(ciphertext, associatedData.getBytes(StandardCharsets.UTF_8)),
                    StandardCharsets.UTF_8);
        }
        catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot decrypt the secret of " + associatedData
                    + ": is the key that encrypted it still in croupier.secrets.encryption.keyset?", e);
        }
    }

    public boolean underPrimaryKey(byte[] ciphertext) {
        return ciphertext.length >= primaryPrefix.length
                && Arrays.equals(ciphertext, 0, primaryPrefix.length, primaryPrefix, 0, primaryPrefix.length);
    }

    /** The bytes every ciphertext of the primary key starts with. */
    byte[] primaryPrefix() {
        return primaryPrefix.clone();
    }

    /** The primary key's id as Tink shows it (unsigned). */
    public long primaryKeyId() {
        return Integer.toUnsignedLong(primaryKeyId);
    }

    @Override
    public String toString() {
        return "SecretCipher[primaryKeyId=" + primaryKeyId() + "]";
    }
}
