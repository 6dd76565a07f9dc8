package io.croupier.access;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HexFormat;
import java.util.Map;
import java.util.concurrent.locks.ReentrantLock;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.OAuth2ErrorCodes;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2TokenValidatorResult;
import org.springframework.security.oauth2.jwt.Jwt;

/**
 * Refuses a token whose session the issuer revoked: its account disabled, its role changed or its password reset by
 * an administrator, its API key revoked. Without this a token stays valid until it expires (two hours for a login).
 * The issuer lists, per subject, the moment before which that subject's tokens no longer count; the list is read
 * again at most every {@link AccessSettings#revokedSessionsRefresh()}, so a revocation takes effect everywhere within
 * that interval. Subjects are listed as the SHA-256 of their name, so the public list names nobody.
 */
public final class RevokedSessions implements OAuth2TokenValidator<Jwt> {

    /** Where the list comes from: the issuer's published document, or identity-service's own table. */
    @FunctionalInterface
    public interface Source {

        /** {@link #subjectHash} of each subject whose tokens issued before the instant are refused. */
        Map<String, Instant> read();
    }

    private static final Logger LOG = LoggerFactory.getLogger(RevokedSessions.class);

    private static final OAuth2Error REVOKED = new OAuth2Error(OAuth2ErrorCodes.INVALID_TOKEN,
            "The token's session was revoked", null);

    private final Source source;

    private final Duration refresh;

    private final Clock clock;

    private final ReentrantLock reading = new ReentrantLock();

    private volatile Map<String, Instant> revoked = Map.of();

    private volatile Instant readAt;

    public RevokedSessions(Source source, Duration refresh, Clock clock) {
        this.source = source;
        this.refresh = refresh;
        this.clock = clock;
    }

    @Override
    public OAuth2TokenValidatorResult validate(Jwt token) {
        if (token.getSubject() == null) {
            // Refused by the subject's own check, which runs beside this one.
            return OAuth2TokenValidatorResult.success();
        }
        Map<String, Instant> revokedSessions = current();
        if (revokedSessions.isEmpty()) {
            return OAuth2TokenValidatorResult.success();
        }
        Instant revokedBefore = revokedSessions.get(subjectHash(token.getSubject()));
        if (revokedBefore == null) {
            return OAuth2TokenValidatorResult.success();
        }
        // iat counts whole seconds: a token issued in the second of the revocation is kept, so an account whose
        // password was reset can log in again at once.
        Instant issuedAt = token.getIssuedAt();
        boolean revokedToken = issuedAt == null || issuedAt.isBefore(revokedBefore.truncatedTo(ChronoUnit.SECONDS));
        return revokedToken ? OAuth2TokenValidatorResult.failure(REVOKED) : OAuth2TokenValidatorResult.success();
    }

    /** The lower-case hex SHA-256 of a subject's UTF-8 bytes: how the list names it. */
    public static String subjectHash(String subject) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                .digest(subject.getBytes(StandardCharsets.UTF_8)));
        }
        catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }

    private Map<String, Instant> current() {
        if (fresh()) {
            return revoked;
        }
        // The first read is waited for; after it, one caller reads again while the others go on with the list they
        // have, so a slow issuer never holds requests up.
        if (readAt == null) {
            reading.lock();
        }
        else if (!reading.tryLock()) {
            return revoked;
        }
        try {
            if (!fresh()) {
                read();
            }
        }
        finally {
            reading.unlock();
        }
        return revoked;
    }

    private boolean fresh() {
        Instant last = readAt;
        return last != null && clock.instant().isBefore(last.plus(refresh));
    }

    private void read() {
        try {
            revoked = Map.copyOf(source.read());
        }
        catch (RuntimeException e) {
            LOG.warn("The revoked sessions could not be read; the list read before stays in force until the next "
                    + "attempt: {}", e.toString());
        }
        readAt = clock.instant();
    }
}
