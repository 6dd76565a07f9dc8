package io.croupier.localstack;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Map;
import java.util.Properties;

import io.croupier.secrets.atrest.Keysets;

/**
 * The keys the services keep their secrets with: the digest key of offer secrets (click- and postback-service), the
 * keyset that encrypts signing secrets (postback-service, publisher-forwarder) and the key that encrypts
 * identity-service's token signing keys. Made on the first start and kept
 * beside the data they protect, readable by the owner only; a production deployment gives each service its own from
 * its secret store instead.
 */
record StackKeys(String digestKey, String keyset, String signingKeysKey) {

    static final String FILE = "keys.properties";

    private static final String DIGEST_KEY = "croupier.secrets.digest.key";

    private static final String KEYSET = "croupier.secrets.encryption.keyset";

    /** Only identity-service reads it; the local stack passes it to that service alone. */
    private static final String SIGNING_KEYS_KEY = "croupier.identity.signing-keys.encryption-key";

    static StackKeys fresh() {
        return new StackKeys(randomKey(), Keysets.create(), randomKey());
    }

    /** The keys of this data directory, made on its first start. */
    static StackKeys of(Path dataDirectory) {
        Path file = dataDirectory.resolve(FILE);
        try {
            if (Files.exists(file)) {
                Properties stored = new Properties();
                try (Reader in = Files.newBufferedReader(file)) {
                    stored.load(in);
                }
                String signingKeysKey = stored.getProperty(SIGNING_KEYS_KEY);
                StackKeys keys = new StackKeys(stored.getProperty(DIGEST_KEY), stored.getProperty(KEYSET),
                        signingKeysKey == null ? randomKey() : signingKeysKey);
                if (signingKeysKey == null) {
                    // A data directory made before identity-service existed gets the key it lacks.
                    store(keys, file);
                }
                return keys;
            }
            StackKeys keys = fresh();
            Files.createDirectories(dataDirectory);
            Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            store(keys, file);
            return keys;
        }
        catch (IOException e) {
            throw new UncheckedIOException("cannot keep the stack's keys in " + file, e);
        }
    }

    /** The keys every service that keeps secrets reads; identity's own key is passed to it separately. */
    Map<String, String> settings() {
        return Map.of(DIGEST_KEY, digestKey, KEYSET, keyset);
    }

    private static void store(StackKeys keys, Path file) throws IOException {
        Properties stored = new Properties();
        stored.putAll(keys.settings());
        stored.put(SIGNING_KEYS_KEY, keys.signingKeysKey());
        try (Writer out = Files.newBufferedWriter(file)) {
            stored.store(out, "Croupier local stack keys: losing them loses every stored secret");
        }
    }

    private static String randomKey() {
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        return Base64.getEncoder().encodeToString(key);
    }

    @Override
    public String toString() {
        return "StackKeys[hidden]";
    }
}
