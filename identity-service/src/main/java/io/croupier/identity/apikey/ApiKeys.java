package io.croupier.identity.apikey;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Optional;

import io.croupier.access.Role;
import io.croupier.identity.token.SessionRevocations;
import io.croupier.runtime.audit.AuditTrail;
import io.croupier.runtime.paging.Cursor;
import io.croupier.runtime.paging.CursorPage;
import io.croupier.runtime.paging.PageRequest;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.web.server.ResponseStatusException;

/**
 * API keys for machine clients. A key is a public client id and a secret of 256 random bits, shown once. The
 * secret is stored as its SHA-256: with that much entropy nobody can guess it back from the hash, so the slow,
 * salted hashes passwords need would only make every token exchange cost a bcrypt round for nothing.
 */
@Service
public class ApiKeys {

    static final String AUDITED_TYPE = "api-key";

    /** Prefixes let secret scanners and people recognise what they found in a log or a repository. */
    static final String CLIENT_ID_PREFIX = "ck_";

    static final String SECRET_PREFIX = "cks_";

    private final ApiKeyRepository repository;

    private final AuditTrail audit;

    private final SessionRevocations revocations;

    private final SecureRandom random = new SecureRandom();

    private final Clock clock = Clock.systemUTC();

    ApiKeys(ApiKeyRepository repository, AuditTrail audit, SessionRevocations revocations) {
        this.repository = repository;
        this.audit = audit;
        this.revocations = revocations;
    }

    /** The key that {@code clientId} and {@code secret} prove, if it is neither revoked nor expired. */
    @Transactional
    public Optional<Grant> exchange(String clientId, String secret) {
        if (clientId == null || secret == null) {
            return Optional.empty();
        }
        Instant now = clock.instant();
        Optional<ApiKeyRepository.StoredSecret> stored = repository.findSecret(clientId);
        byte[] presented = hash(secret);
        boolean matches = stored.isPresent() && MessageDigest.isEqual(stored.get().hash(), presented);
        if (!matches || !stored.get().key().usableAt(now)) {
            return Optional.empty();
        }
        ApiKey key = stored.get().key();
        repository.markUsed(key.id(), now);
        return Optional.of(new Grant(key.clientId(), key.role(), key.publisherId()));
    }

    @Transactional
    ApiKeyView create(NewApiKey request, String createdBy) {
        if (request.name() == null || request.name().isBlank() || request.name().length() > 200) {
            throw invalid("name: 1 to 200 characters, saying who uses the key for what");
        }
        Role role = request.role();
        if (role == null) {
            throw invalid("role: one of ADMIN, MANAGER, ANALYST, PUBLISHER");
        }
        boolean publisherGiven = request.publisherId() != null && !request.publisherId().isBlank();
        if ((role == Role.PUBLISHER) != publisherGiven) {
            throw invalid("publisher_id: required for a PUBLISHER key, and only for one");
        }
        Instant now = clock.instant();
        if (request.expiresAt() != null && !request.expiresAt().isAfter(now)) {
            throw invalid("expires_at: must be in the future");
        }
        String secret = SECRET_PREFIX + randomText(32);
        ApiKey key = repository.insert(CLIENT_ID_PREFIX + HexFormat.of().formatHex(randomBytes(10)),
                request.name().strip(), role, publisherGiven ? request.publisherId().strip() : null, hash(secret),
                createdBy, now, request.expiresAt());
        ApiKeyView view = ApiKeyView.of(key);
        audit.record("create", AUDITED_TYPE, Long.toString(key.id()), null, view);
        return view.revealing(secret);
    }

    @Transactional(readOnly = true)
    CursorPage<ApiKeyView> page(PageRequest request) {
        Cursor after = request.after();
        return request.page(repository.newestBefore(after == null ? null : after.numericId(), request.fetchSize())
            .stream()
            .map(ApiKeyView::of)
            .toList(), key -> Cursor.of(key.id()));
    }

    @Transactional(readOnly = true)
    ApiKeyView view(long id) {
        return repository.find(id).map(ApiKeyView::of).orElseThrow(() -> notFound(id));
    }

    /** Revoked keys get no new token, and the tokens already issued for one stop counting everywhere. */
    @Transactional
    ApiKeyView revoke(long id) {
        ApiKeyView before = view(id);
        revocations.revoke(before.clientId());
        ApiKeyView after = repository.revoke(id, clock.instant()).map(ApiKeyView::of)
            .orElseThrow(() -> notFound(id));
        audit.record("revoke", AUDITED_TYPE, Long.toString(id), before, after);
        return after;
    }

    private byte[] randomBytes(int length) {
        byte[] bytes = new byte[length];
        random.nextBytes(bytes);
        return bytes;
    }

    private String randomText(int bytes) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(randomBytes(bytes));
    }

    private static byte[] hash(String secret) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(secret.getBytes(StandardCharsets.UTF_8));
        }
        catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }

    private static ResponseStatusException invalid(String detail) {
        return new ResponseStatusException(HttpStatus.BAD_REQUEST, detail);
    }

    private static ResponseStatusException notFound(long id) {
        return new ResponseStatusException(HttpStatus.NOT_FOUND, "no API key " + id);
    }

    /** What a valid key lets its client act as. */
    public record Grant(String clientId, Role role, String publisherId) {
    }

    /** @param expiresAt optional; a key without one lives until it is revoked */
    record NewApiKey(String name, Role role, String publisherId, Instant expiresAt) {
    }
}
