package io.croupier.identity.apikey;

import java.time.Instant;

import io.croupier.access.Role;

/**
 * A machine client's credential. Its secret is not here: only a hash of it is stored.
 *
 * @param clientId the public half, the OAuth 2.0 {@code client_id}
 * @param createdBy the subject of the administrator who created it
 */
record ApiKey(long id, String clientId, String name, Role role, String publisherId, String createdBy,
        Instant createdAt, Instant expiresAt, Instant lastUsedAt, Instant revokedAt) {

    boolean usableAt(Instant now) {
        return revokedAt == null && (expiresAt == null || now.isBefore(expiresAt));
    }
}
