package io.croupier.identity.account;

import io.croupier.access.Role;

/** The bodies of the account API (snake_case on the wire). */
final class AccountRequests {

    /** @param publisherId required for, and only for, {@code PUBLISHER} */
    record NewAccount(String username, String password, Role role, String publisherId) {
    }

    record RoleChange(Role role, String publisherId) {
    }

    record PasswordReset(String password) {
    }

    record PasswordChange(String currentPassword, String newPassword) {
    }

    private AccountRequests() {
    }
}
