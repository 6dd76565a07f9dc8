package io.croupier.identity.account;

import java.time.Instant;

import io.croupier.access.Role;

/** An account as the API shows it: never its password, not even hashed. */
record AccountView(long id, String username, Role role, String publisherId, boolean enabled, Instant lockedUntil,
        Instant createdAt, Instant updatedAt, Instant passwordChangedAt, Instant lastLoginAt) {

    static AccountView of(Account account) {
        return new AccountView(account.id(), account.username(), account.role(), account.publisherId(),
                account.enabled(), account.lockedUntil(), account.createdAt(), account.updatedAt(),
                account.passwordChangedAt(), account.lastLoginAt());
    }
}
