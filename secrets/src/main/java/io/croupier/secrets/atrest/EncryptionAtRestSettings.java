package io.croupier.secrets.atrest;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The key that encrypts the secrets a service stores (publisher signing secrets, inbound signing secrets). Each service
 * has its own keyset; nothing else can decrypt its rows.
 *
 * @param keyset a Tink JSON keyset of AEAD keys ({@code mvn -q -pl secrets compile exec:java -Dexec.args=new}); its
 *        primary key encrypts, every key in it decrypts
 * @param reencryptInterval how often rows still encrypted under a key that is no longer primary are re-encrypted
 * @param reencryptBatchSize rows re-encrypted per transaction
 */
@ConfigurationProperties("croupier.secrets.encryption")
public record EncryptionAtRestSettings(String keyset, @DefaultValue("1h") Duration reencryptInterval,
        @DefaultValue("100") int reencryptBatchSize) {

    public EncryptionAtRestSettings {
        if (keyset == null || keyset.isBlank()) {
            throw new IllegalArgumentException("croupier.secrets.encryption.keyset is not set: create one with "
                    + "mvn -q -pl secrets compile exec:java -Dexec.args=new (see the secrets module's README)");
        }
        if (reencryptBatchSize < 1) {
            throw new IllegalArgumentException("croupier.secrets.encryption.reencrypt-batch-size must be positive");
        }
    }

    @Override
    public String toString() {
        return "EncryptionAtRestSettings[keyset=(hidden), reencryptInterval=" + reencryptInterval
                + ", reencryptBatchSize=" + reencryptBatchSize + "]";
    }
}
