package io.croupier.secrets.digest;

import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class SecretDigestTest {

    private static final String KEY = "q1kx5rE5T6b7xOQmA0yqkGg6h7cFvW3lqf0S9p2nXb8=";

    private static final String OTHER_KEY = "Zm9yIHRlc3RzIG9ubHk6IGEgc2Vjb25kIGRpZ2VzdCBrZXk=";

    private final SecretDigest digest = SecretDigest.of(new SecretDigestSettings(KEY, List.of()));

    @Test
    void theSameSecretAlwaysHasTheSameDigestSoItCanBeLookedUp() {
        assertThat(digest.digest("your-secure-secret-token")).isEqualTo(digest.digest("your-secure-secret-token"))
            .isNotEqualTo(digest.digest("your-secure-secret-tokeN"));
    }

    /**
     * Digests are stored in replicas and published on the offers topic, so they must never change. Recomputed with
     * openssl: the key id is the first 8 characters of base64url(HMAC-SHA256(key, "croupier secret digest key id")),
     * the digest base64url(HMAC-SHA256(key, secret)), both without padding.
     */
    @Test
    void aDigestIsTheKeyIdAndTheHmacOfTheSecretAsOpensslComputesThem() {
        assertThat(digest.digest("your-secure-secret-token"))
            .isEqualTo("gMoNovW2.eEJrJB9Yo6I1Gua13royfTidE8rCUC_o4x8ACyaTlDA");
    }

    @Test
    void concurrentLookUpsGetTheDigestsOfTheirOwnSecrets() throws Exception {
        ExecutorService threads = Executors.newFixedThreadPool(8);
        try {
            List<Future<Boolean>> checks = IntStream.range(0, 2_000)
                .mapToObj(i -> threads.submit(() -> digest.candidates("secret-" + i)
                    .equals(List.of(SecretDigest.of(new SecretDigestSettings(KEY, List.of())).digest("secret-" + i)))))
                .toList();
            for (Future<Boolean> check : checks) {
                assertThat(check.get()).isTrue();
            }
        }
        finally {
            threads.shutdown();
        }
    }

    @Test
    void theDigestIsKeyedSoAReaderWithoutTheKeyCannotTestGuessesAgainstIt() {
        SecretDigest otherKey = SecretDigest.of(new SecretDigestSettings(OTHER_KEY, List.of()));

        assertThat(digest.digest("abc123xyz")).isNotEqualTo(otherKey.digest("abc123xyz"))
            .doesNotContain("abc123xyz");
        assertThat(otherKey.madeWithKnownKey(digest.digest("abc123xyz"))).isFalse();
        assertThat(digest.madeWithKnownKey(digest.digest("abc123xyz"))).isTrue();
    }

    @Test
    void secretsDigestedUnderAPreviousKeyStillFindTheirOwner() {
        SecretDigest rotated = SecretDigest.of(new SecretDigestSettings(OTHER_KEY, List.of(KEY)));
        String storedBeforeRotation = digest.digest("your_offer_secret_here");

        assertThat(rotated.candidates("your_offer_secret_here")).hasSize(2)
            .contains(storedBeforeRotation)
            .first().isEqualTo(rotated.digest("your_offer_secret_here"));
        assertThat(rotated.madeWithKnownKey(storedBeforeRotation)).isTrue();
    }

    @Test
    void aMissingOrShortKeyStopsTheServiceWithAMessageSayingWhatToSet() {
        assertThatIllegalArgumentException().isThrownBy(() -> new SecretDigestSettings(null, List.of()))
            .withMessageContaining("croupier.secrets.digest.key is not set");
        assertThatIllegalArgumentException().isThrownBy(() -> new SecretDigestSettings("c2hvcnQ=", List.of()))
            .withMessageContaining("at least 32 bytes");
        assertThatIllegalArgumentException().isThrownBy(() -> new SecretDigestSettings(KEY, List.of("not base64!")))
            .withMessageContaining("previous-keys is not valid base64");
    }
}
