package io.croupier.identity.apikey;

import java.time.Instant;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.croupier.access.Role;

/**
 * An API key as the API shows it. {@code clientSecret} appears once, in the answer that created the key; after that
 * nobody, not even an administrator, can read it again.
 */
record ApiKeyView(long id, String clientId, String name, Role role, String publisherId, String createdBy,
        Instant createdAt, Instant expiresAt, Instant lastUsedAt, Instant revokedAt,
        @JsonInclude(JsonInclude.Include.NON_NULL) String clientSecret) {

    static ApiKeyView of(ApiKey key) {
        return new ApiKeyView(key.id(), key.clientId(), key.name(), key.role(), key.publisherId(), key.createdBy(),
                key.createdAt(), key.expiresAt(), key.lastUsedAt(), key.revokedAt(), null);
    }

    ApiKeyView revealing(String secret) {
        return new ApiKeyView(id, clientId, name, role, publisherId, createdBy, createdAt, expiresAt, lastUsedAt,
                revokedAt, secret);
    }
}
