package io.croupier.secrets.atrest;

import java.util.Base64;

import com.google.crypto.tink.InsecureSecretKeyAccess;
import com.google.crypto.tink.KeysetHandle;
import com.google.crypto.tink.TinkJsonProtoKeysetFormat;
import com.google.crypto.tink.aead.AesGcmParameters;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

class SecretCipherTest {

    private static final String SECRET = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";

    private final String keyset = Keysets.create();

    private final SecretCipher cipher = SecretCipher.of(keyset);

    @Test
    void aSecretComesBackOnlyForTheRowItWasEncryptedFor() {
        byte[] ciphertext = cipher.encrypt(SECRET, "publisher-signing-secret:1");

        assertThat(new String(ciphertext, java.nio.charset.StandardCharsets.ISO_8859_1)).doesNotContain(SECRET);
        assertThat(Base64.getEncoder().encodeToString(ciphertext)).doesNotContain("MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw");
        assertThat(cipher.decrypt(ciphertext, "publisher-signing-secret:1")).isEqualTo(SECRET);
        assertThatIllegalStateException().isThrownBy(() -> cipher.decrypt(ciphertext, "publisher-signing-secret:2"))
            .withMessageNotContaining(SECRET);
    }

    @Test
    void aRotatedKeysetStillReadsWhatTheOldKeyEncryptedAndTellsWhatNeedsReencrypting() {
        byte[] underOldKey = cipher.encrypt(SECRET, "row:1");
        long oldKey = Keysets.primaryKeyId(keyset);

        String withNewKey = Keysets.withNewKey(keyset);
        long newKey = Keysets.newestKeyId(withNewKey);
        SecretCipher duringRollout = SecretCipher.of(withNewKey);
        SecretCipher promoted = SecretCipher.of(Keysets.promote(withNewKey, newKey));

        assertThat(duringRollout.primaryKeyId()).as("an added key does not encrypt yet").isEqualTo(oldKey);
        assertThat(promoted.primaryKeyId()).isEqualTo(newKey);
        assertThat(promoted.decrypt(underOldKey, "row:1")).isEqualTo(SECRET);
        assertThat(promoted.underPrimaryKey(underOldKey)).isFalse();
        byte[] underNewKey = promoted.encrypt(SECRET, "row:1");
        assertThat(promoted.underPrimaryKey(underNewKey)).isTrue();
        assertThat(duringRollout.decrypt(underNewKey, "row:1")).as("instances not yet promoted read new rows")
            .isEqualTo(SECRET);

        SecretCipher retired = SecretCipher.of(Keysets.remove(Keysets.promote(withNewKey, newKey), oldKey));
        assertThat(retired.decrypt(underNewKey, "row:1")).isEqualTo(SECRET);
        assertThatIllegalStateException().isThrownBy(() -> retired.decrypt(underOldKey, "row:1"));
    }

    @Test
    void thePrimaryKeyCannotBeRemovedAndAnUnknownKeyIsNamed() {
        assertThatIllegalArgumentException().isThrownBy(() -> Keysets.remove(keyset, Keysets.primaryKeyId(keyset)))
            .withMessageContaining("primary");
        assertThatIllegalArgumentException().isThrownBy(() -> Keysets.promote(keyset, 42))
            .withMessageContaining("no key 42");
        assertThat(Keysets.describe(keyset)).singleElement().asString().contains("PRIMARY").contains("AesGcm")
            .doesNotContain("value");
    }

    @Test
    void keysWithoutTinksPrefixAreRefusedBecauseTheirCiphertextsCouldNotBeToldApart() throws Exception {
        AesGcmParameters raw = AesGcmParameters.builder()
            .setKeySizeBytes(32)
            .setIvSizeBytes(12)
            .setTagSizeBytes(16)
            .setVariant(AesGcmParameters.Variant.NO_PREFIX)
            .build();
        String rawKeyset = TinkJsonProtoKeysetFormat.serializeKeyset(KeysetHandle.newBuilder()
            .addEntry(KeysetHandle.generateEntryFromParameters(raw).withRandomId().makePrimary())
            .build(), InsecureSecretKeyAccess.get());

        assertThatIllegalArgumentException().isThrownBy(() -> SecretCipher.of(rawKeyset))
            .withMessageContaining("output prefix");
    }

    @Test
    void aKeysetThatDoesNotParseIsRefusedWithoutQuotingIt() {
        String broken = keyset.substring(0, keyset.length() / 2);

        assertThatIllegalArgumentException().isThrownBy(() -> SecretCipher.of(broken))
            .satisfies(e -> assertThat(e.getMessage()).doesNotContain(broken.substring(broken.length() - 20)));
        assertThatIllegalArgumentException().isThrownBy(() -> new EncryptionAtRestSettings(" ", null, 1))
            .withMessageContaining("croupier.secrets.encryption.keyset is not set");
    }
}
