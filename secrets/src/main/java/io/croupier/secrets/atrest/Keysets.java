package io.croupier.secrets.atrest;

import java.security.GeneralSecurityException;
import java.util.ArrayList;
import java.util.List;

import com.google.crypto.tink.InsecureSecretKeyAccess;
import com.google.crypto.tink.KeyStatus;
import com.google.crypto.tink.KeysetHandle;
import com.google.crypto.tink.TinkJsonProtoKeysetFormat;
import com.google.crypto.tink.aead.AeadConfig;
import com.google.crypto.tink.aead.PredefinedAeadParameters;

/**
 * The operations of a keyset's life: create one, add a key beside the primary, promote it, remove a retired one. The
 * keysets are Tink's JSON format in clear text, which is what {@code croupier.secrets.encryption.keyset} holds; keep
 * them where the service's other credentials are kept.
 */
public final class Keysets {

    static {
        try {
            AeadConfig.register();
        }
        catch (GeneralSecurityException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private Keysets() {
    }

    /** A keyset with one fresh AES-256-GCM key, primary. */
    public static String create() {
        try {
            return serialize(KeysetHandle.newBuilder()
                .addEntry(KeysetHandle.generateEntryFromParameters(PredefinedAeadParameters.AES256_GCM)
                    .withRandomId()
                    .makePrimary())
                .build());
        }
        catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot generate a key", e);
        }
    }

    /** The keyset with one more fresh key, enabled but not primary: every instance must read it before it writes. */
    public static String withNewKey(String keysetJson) {
        try {
            return serialize(KeysetHandle.newBuilder(parse(keysetJson))
                .addEntry(KeysetHandle.generateEntryFromParameters(PredefinedAeadParameters.AES256_GCM)
                    .withRandomId())
                .build());
        }
        catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot generate a key", e);
        }
    }

    /** The keyset with the given key primary: from then on it encrypts, and rows under the others are re-encrypted. */
    public static String promote(String keysetJson, long keyId) {
        KeysetHandle keyset = parse(keysetJson);
        KeysetHandle.Builder builder = KeysetHandle.newBuilder(keyset);
        builder.getAt(indexOf(keyset, keyId)).setStatus(KeyStatus.ENABLED).makePrimary();
        return build(builder);
    }

    /** The keyset without the given key; only once no row is encrypted under it any more. */
    public static String remove(String keysetJson, long keyId) {
        KeysetHandle keyset = parse(keysetJson);
        int index = indexOf(keyset, keyId);
        if (keyset.getAt(index).isPrimary()) {
            throw new IllegalArgumentException("key " + keyId + " is the primary key; promote another one first");
        }
        return build(KeysetHandle.newBuilder(keyset).deleteAt(index));
    }

    /** One line per key: id, status, primary, parameters. No key material. */
    public static List<String> describe(String keysetJson) {
        KeysetHandle keyset = parse(keysetJson);
        List<String> lines = new ArrayList<>();
        for (int i = 0; i < keyset.size(); i++) {
            KeysetHandle.Entry entry = keyset.getAt(i);
            lines.add(Integer.toUnsignedString(entry.getId()) + " " + entry.getStatus()
                    + (entry.isPrimary() ? " PRIMARY " : " ") + entry.getKey().getParameters());
        }
        return lines;
    }

    /** The id of the primary key, unsigned as Tink shows it. */
    public static long primaryKeyId(String keysetJson) {
        return Integer.toUnsignedLong(parse(keysetJson).getPrimary().getId());
    }

    /** The id of the most recently added key. */
    public static long newestKeyId(String keysetJson) {
        KeysetHandle keyset = parse(keysetJson);
        return Integer.toUnsignedLong(keyset.getAt(keyset.size() - 1).getId());
    }

    /**
     * Parses a clear-text JSON keyset, ignoring whatever surrounds the JSON object (a shell's line ends, a terminal's
     * colour codes); the error never quotes the input, which holds key material.
     */
    static KeysetHandle parse(String keysetJson) {
        int start = keysetJson.indexOf('{');
        int end = keysetJson.lastIndexOf('}');
        if (start < 0 || end < start) {
            throw new IllegalArgumentException("not a Tink JSON keyset (no JSON object)");
        }
        try {
            return TinkJsonProtoKeysetFormat.parseKeyset(keysetJson.substring(start, end + 1),
                    InsecureSecretKeyAccess.get());
        }
        catch (GeneralSecurityException | RuntimeException e) {
            throw new IllegalArgumentException("not a Tink JSON keyset (" + e.getClass().getSimpleName() + ")");
        }
    }

    private static int indexOf(KeysetHandle keyset, long keyId) {
        for (int i = 0; i < keyset.size(); i++) {
            int id = keyset.getAt(i).getId();
            // The JSON shows ids signed, Tink's tools unsigned: either names the key.
            if (Integer.toUnsignedLong(id) == keyId || id == keyId) {
                return i;
            }
        }
        throw new IllegalArgumentException("the keyset has no key " + keyId);
    }

    private static String build(KeysetHandle.Builder builder) {
        try {
            return serialize(builder.build());
        }
        catch (GeneralSecurityException e) {
            throw new IllegalArgumentException("the keyset would not be valid: " + e.getMessage());
        }
    }

    private static String serialize(KeysetHandle keyset) {
        try {
            return TinkJsonProtoKeysetFormat.serializeKeyset(keyset, InsecureSecretKeyAccess.get());
        }
        catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot serialize the keyset", e);
        }
    }
}
