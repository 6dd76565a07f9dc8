package io.croupier.click.redirect;

import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;

/**
 * Click ids as ULIDs: 48 bits of milliseconds then 80 random bits, in 26 characters of Crockford's base32. They are
 * URL-safe, sort by time, and are unguessable, since a click id is what a postback proves a conversion with.
 */
final class ClickIds {

    private static final char[] ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ".toCharArray();

    /**
     * One DRBG per thread: the platform default (NativePRNG) reads /dev/urandom under one JVM-wide lock on every call,
     * which request threads would queue for.
     */
    private static final ThreadLocal<SecureRandom> RANDOM = ThreadLocal.withInitial(ClickIds::drbg);

    static String next(long epochMillis) {
        return of(epochMillis, RANDOM.get());
    }

    static String of(long epochMillis, SecureRandom random) {
        byte[] entropy = new byte[10];
        random.nextBytes(entropy);
        long high = ((entropy[0] & 0xFFL) << 8) | (entropy[1] & 0xFFL);
        long low = 0;
        for (int i = 2; i < 10; i++) {
            low = (low << 8) | (entropy[i] & 0xFFL);
        }
        char[] id = new char[26];
        long time = epochMillis;
        for (int i = 9; i >= 0; i--) {
            id[i] = ALPHABET[(int) (time & 31)];
            time >>>= 5;
        }
        for (int i = 25; i >= 14; i--) {
            id[i] = ALPHABET[(int) (low & 31)];
            low >>>= 5;
        }
        // 4 bits of the low word remain; with the 16 high bits they make the last 4 characters.
        long rest = (high << 4) | low;
        for (int i = 13; i >= 10; i--) {
            id[i] = ALPHABET[(int) (rest & 31)];
            rest >>>= 5;
        }
        return new String(id);
    }

    private static SecureRandom drbg() {
        try {
            return SecureRandom.getInstance("DRBG");
        }
        catch (NoSuchAlgorithmException e) {
            return new SecureRandom();
        }
    }

    private ClickIds() {
    }
}
