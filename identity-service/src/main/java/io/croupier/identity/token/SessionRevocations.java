package io.croupier.identity.token;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;

import io.croupier.access.AccessSettings;
import io.croupier.access.RevokedSessions;
import io.croupier.identity.IdentitySettings;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * The sessions this issuer revoked ({@link RevokedSessions} refuses their tokens in every service). An entry is
 * published only while a token issued before it could still be unexpired: the longer of the two token lifetimes plus
 * the clock skew the services allow.
 */
@Component
public class SessionRevocations implements RevokedSessions.Source {

    private final JdbcClient jdbc;

    private final Duration published;

    private final Clock clock = Clock.systemUTC();

    SessionRevocations(JdbcClient jdbc, IdentitySettings identity, AccessSettings access) {
        this.jdbc = jdbc;
        IdentitySettings.Tokens tokens = identity.tokens();
        Duration longest = tokens.ttl().compareTo(tokens.apiKeyTtl()) >= 0 ? tokens.ttl() : tokens.apiKeyTtl();
        this.published = longest.plus(access.clockSkew());
    }

    /** Every token of {@code subject} issued until now stops counting. */
    @Transactional(propagation = Propagation.MANDATORY)
    public void revoke(String subject) {
        Instant now = clock.instant();
        jdbc.sql("""
                insert into revoked_sessions (subject, issued_before) values (:subject, :now)
                on conflict (subject) do update set issued_before = greatest(revoked_sessions.issued_before, :now)""")
            .param("subject", subject)
            .param("now", Timestamp.from(now))
            .update();
        jdbc.sql("delete from revoked_sessions where issued_before < :expired")
            .param("expired", Timestamp.from(now.minus(published)))
            .update();
    }

    /** The entries a token could still be refused by, each subject as {@link RevokedSessions#subjectHash}. */
    @Override
    @Transactional(readOnly = true)
    public Map<String, Instant> read() {
        Map<String, Instant> revoked = new HashMap<>();
        jdbc.sql("select subject, issued_before from revoked_sessions where issued_before >= :since")
            .param("since", Timestamp.from(clock.instant().minus(published)))
            .query((row, index) -> Map.entry(RevokedSessions.subjectHash(row.getString("subject")),
                    row.getTimestamp("issued_before").toInstant()))
            .list()
            .forEach(entry -> revoked.put(entry.getKey(), entry.getValue()));
        return revoked;
    }
}
