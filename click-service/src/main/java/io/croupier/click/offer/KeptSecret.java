package io.croupier.click.offer;

import java.time.Instant;

import io.croupier.secrets.digest.SecretDigest;

/**
 * A secret as the catalogue keeps it once it was shown: its look-up digest, and for a generated-length secret its last
 * four characters so an operator can tell which one a casino holds. Never the secret itself.
 *
 * @param hint the last four characters, or null for a secret too short to give any away
 * @param previous the secret this one replaced while it is still accepted, or null
 */
record KeptSecret(String digest, String hint, PreviousSecret previous) {

    static final String MASK = "****";

    /** Generated secrets are 32 characters: four of them leave 168 random bits. Shorter ones show nothing. */
    private static final int MIN_LENGTH_WITH_HINT = 32;

    static KeptSecret of(String secret, SecretDigest digests) {
        return new KeptSecret(digests.digest(secret),
                secret.length() >= MIN_LENGTH_WITH_HINT ? secret.substring(secret.length() - 4) : null, null);
    }

    /** This secret, with {@code replaced} still accepted until {@code until}. */
    KeptSecret keeping(KeptSecret replaced, Instant until) {
        return new KeptSecret(digest, hint, new PreviousSecret(replaced.digest(), until));
    }

    /** The look-up digest of the secret this one replaced, or null when none was kept. */
    String previousDigest() {
        return previous == null ? null : previous.digest();
    }

    /** Until when the secret this one replaced is accepted (in the past once it ended), or null when none was kept. */
    Instant previousUntil() {
        return previous == null ? null : previous.until();
    }

    /** What the API shows in place of the secret, in the same field. */
    String masked() {
        return hint == null ? MASK : MASK + hint;
    }

    /** A value copied back from an answer, not a secret of its own. */
    static boolean looksMasked(String value) {
        return value.startsWith(MASK);
    }

    /** A replaced secret's look-up digest and the instant it stops being accepted. */
    record PreviousSecret(String digest, Instant until) {
    }
}
