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
 * The keys the services keep their secrets with: the digest key of offer secrets (click- and postback-service) and
 * the keyset that encrypts signing secrets (postback-service, publisher-forwarder). Made on the first start and kept
 * beside the data they protect, readable by the owner only; a production deployment gives each service its own from
 * its secret store instead.
 */
record StackKeys(String digestKey, String keyset) {

    static final String FILE = "keys.properties";

    private static final String DIGEST_KEY = "croupier.secrets.digest.key";

    private static final String KEYSET = "croupier.secrets.encryption.keyset";

    static StackKeys fresh() {
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        return new StackKeys(Base64.getEncoder().encodeToString(key), Keysets.create());
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
                return new StackKeys(stored.getProperty(DIGEST_KEY), stored.getProperty(KEYSET));
            }
            StackKeys keys = fresh();
            Files.createDirectories(dataDirectory);
            Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            Properties stored = new Properties();
            stored.putAll(keys.settings());
            try (Writer out = Files.newBufferedWriter(file)) {
                stored.store(out, "Croupier local stack keys: losing them loses every stored secret");
            }
            return keys;
        }
        catch (IOException e) {
            throw new UncheckedIOException("cannot keep the stack's keys in " + file, e);
        }
    }

    Map<String, String> settings() {
        return Map.of(DIGEST_KEY, digestKey, KEYSET, keyset);
    }

    @Override
    public String toString() {
        return "StackKeys[hidden]";
    }
}
