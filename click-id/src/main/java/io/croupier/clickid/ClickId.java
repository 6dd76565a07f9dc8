package io.croupier.clickid;

import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.Optional;
import java.util.random.RandomGenerator;

/**
 * A click id as click-service mints it: a ULID, 48 bits of milliseconds then 80 random bits, written as 26 characters
 * of Crockford's base32. It is URL-safe, sorts by time and is unguessable, since a click id is what a postback proves a
 * conversion with; and it carries the instant of its click, which is how the clicks partitioned by day are found
 * without reading every day.
 *
 * <p>Casinos may also send click ids Croupier never minted (seed 004's {@code CLK-789ABC}): those stay plain strings on
 * the wire and in storage, and {@link #parse} finds no {@code ClickId} in them.
 *
 * @param epochMillis the click's instant, in milliseconds since the epoch (48 bits)
 * @param randomHigh the first 16 of the 80 random bits
 * @param randomLow the last 64 of the 80 random bits
 */
public record ClickId(long epochMillis, int randomHigh, long randomLow) {

    private static final String ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";

    private static final int LENGTH = 26;

    private static final int TIME_LENGTH = 10;

    private static final long MAX_MILLIS = (1L << 48) - 1;

    /**
     * One DRBG per thread: the platform default (NativePRNG) reads /dev/urandom under one JVM-wide lock on every call,
     * which request threads would queue for.
     */
    private static final ThreadLocal<SecureRandom> RANDOM = ThreadLocal.withInitial(ClickId::drbg);

    public ClickId {
        if (epochMillis < 0 || epochMillis > MAX_MILLIS) {
            throw new IllegalArgumentException("a click id's time is 48 bits of milliseconds, was " + epochMillis);
        }
        if (randomHigh < 0 || randomHigh > 0xFFFF) {
            throw new IllegalArgumentException("randomHigh is 16 bits, was " + randomHigh);
        }
    }

    /** A new id for a click at this instant, with 80 bits from a cryptographically strong generator. */
    public static ClickId mint(long epochMillis) {
        return mint(epochMillis, RANDOM.get());
    }

    /** A new id for a click at this instant, with 80 bits of {@code random}. */
    public static ClickId mint(long epochMillis, RandomGenerator random) {
        byte[] entropy = new byte[10];
        random.nextBytes(entropy);
        int high = (entropy[0] & 0xFF) << 8 | entropy[1] & 0xFF;
        long low = 0;
        for (int i = 2; i < 10; i++) {
            low = low << 8 | entropy[i] & 0xFFL;
        }
        return new ClickId(epochMillis, high, low);
    }

    /**
     * The id this wire string is, when it is one Croupier minted: exactly 26 characters of upper-case Crockford
     * base32 whose time fits 48 bits. Anything else (a casino's own id, a typo) is empty: such an id is still a click id
     * to look up, only one without a known instant.
     */
    public static Optional<ClickId> parse(String wire) {
        if (wire == null || wire.length() != LENGTH) {
            return Optional.empty();
        }
        long millis = 0;
        long random = 0;
        int high = 0;
        for (int i = 0; i < LENGTH; i++) {
            int digit = ALPHABET.indexOf(wire.charAt(i));
            if (digit < 0) {
                return Optional.empty();
            }
            if (i < TIME_LENGTH) {
                millis = millis << 5 | digit;
            }
            else {
                // 80 bits in 16 characters: the 16 bits that overflow the low word move into the high part.
                high = (int) (high << 5 | random >>> 59);
                random = random << 5 | digit;
            }
        }
        if (millis > MAX_MILLIS) {
            return Optional.empty();
        }
        return Optional.of(new ClickId(millis, high, random));
    }

    /** The instant of the click this id was minted for. */
    public Instant mintedAt() {
        return Instant.ofEpochMilli(epochMillis);
    }

    /** The wire form: 26 characters, the time first so that ids sort by time. */
    @Override
    public String toString() {
        char[] id = new char[LENGTH];
        long time = epochMillis;
        for (int i = TIME_LENGTH - 1; i >= 0; i--) {
            id[i] = ALPHABET.charAt((int) (time & 31));
            time >>>= 5;
        }
        long low = randomLow;
        for (int i = LENGTH - 1; i >= 14; i--) {
            id[i] = ALPHABET.charAt((int) (low & 31));
            low >>>= 5;
        }
        // 4 bits of the low word remain; with the 16 high bits they make characters 10 to 13.
        long rest = (long) randomHigh << 4 | low;
        for (int i = 13; i >= TIME_LENGTH; i--) {
            id[i] = ALPHABET.charAt((int) (rest & 31));
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
}
