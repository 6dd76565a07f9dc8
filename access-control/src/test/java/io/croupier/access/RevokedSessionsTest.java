package io.croupier.access;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.Test;
import org.springframework.security.oauth2.jwt.Jwt;

import static org.assertj.core.api.Assertions.assertThat;

class RevokedSessionsTest {

    private static final Instant REVOKED_AT = Instant.parse("2026-11-30T19:00:00.500Z");

    private final AtomicReference<Instant> now = new AtomicReference<>(REVOKED_AT.plusSeconds(5));

    private final Clock clock = new Clock() {
        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now.get();
        }
    };

    @Test
    void aTokenIssuedBeforeTheRevocationsSecondIsRefusedOneIssuedInThatSecondOrLaterIsKept() {
        RevokedSessions sessions = new RevokedSessions(() -> Map.of(RevokedSessions.subjectHash("ana"), REVOKED_AT),
                Duration.ofSeconds(30), clock);

        assertThat(sessions.validate(token("ana", REVOKED_AT.minusSeconds(1))).hasErrors()).isTrue();
        assertThat(sessions.validate(token("ana", Instant.parse("2026-11-30T19:00:00Z"))).hasErrors()).isFalse();
        assertThat(sessions.validate(token("ana", REVOKED_AT.plusSeconds(1))).hasErrors()).isFalse();
        assertThat(sessions.validate(token("bruno", REVOKED_AT.minusSeconds(60))).hasErrors()).isFalse();
    }

    @Test
    void theListIsReadAgainOnlyAfterTheRefreshIntervalAndAFailedReadKeepsTheListBefore() {
        AtomicInteger reads = new AtomicInteger();
        List<Map<String, Instant>> answers = List.of(Map.of(), Map.of(RevokedSessions.subjectHash("ana"), REVOKED_AT));
        RevokedSessions sessions = new RevokedSessions(() -> {
            int read = reads.getAndIncrement();
            if (read >= answers.size()) {
                throw new IllegalStateException("the issuer cannot be reached");
            }
            return answers.get(read);
        }, Duration.ofSeconds(30), clock);
        Jwt earlier = token("ana", REVOKED_AT.minusSeconds(60));

        assertThat(sessions.validate(earlier).hasErrors()).as("first list: nothing revoked").isFalse();
        assertThat(sessions.validate(earlier).hasErrors()).as("not read again within 30 s").isFalse();
        assertThat(reads).hasValue(1);

        now.set(now.get().plusSeconds(30));
        assertThat(sessions.validate(earlier).hasErrors()).as("second list: revoked").isTrue();

        now.set(now.get().plusSeconds(30));
        assertThat(sessions.validate(earlier).hasErrors()).as("the issuer is down: still revoked").isTrue();
        assertThat(reads).hasValue(3);
    }

    private static Jwt token(String subject, Instant issuedAt) {
        return Jwt.withTokenValue("token")
            .header("alg", "RS256")
            .subject(subject)
            .issuedAt(issuedAt)
            .expiresAt(issuedAt.plusSeconds(7200))
            .build();
    }
}
