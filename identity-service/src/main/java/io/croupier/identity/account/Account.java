package io.croupier.identity.account;

import java.time.Instant;

import io.croupier.access.Role;

/**
 * A person who logs in: an operator, or a publisher's user acting for its publisher.
 *
 * @param publisherId the publisher a {@code PUBLISHER} account acts for; null for operators
 * @param failedLogins wrong passwords since the last successful login
 * @param lockedUntil logins are refused until then, after too many wrong passwords
 */
public record Account(long id, String username, String passwordHash, Role role, String publisherId,
        boolean enabled, int failedLogins, Instant lockedUntil, Instant createdAt, Instant updatedAt,
        Instant passwordChangedAt, Instant lastLoginAt) {
}
