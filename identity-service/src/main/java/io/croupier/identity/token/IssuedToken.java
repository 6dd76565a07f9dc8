package io.croupier.identity.token;

import java.time.Duration;
import java.time.Instant;

/** A signed token and when it stops being accepted. */
public record IssuedToken(String value, Instant expiresAt, Duration lifetime) {
}
