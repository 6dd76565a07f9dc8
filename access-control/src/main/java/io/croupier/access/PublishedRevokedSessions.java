package io.croupier.access;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The revoked sessions as the issuer publishes them at {@link AccessSettings#revokedSessionsUri()}:
 * {@code {"revoked_sessions": [{"subject_sha256": "...", "issued_before": "2026-11-30T19:00:00.123Z"}]}}. An issuer
 * that publishes no such list (another OpenID Connect provider: 404) revokes nothing here; its tokens end when they
 * expire.
 */
final class PublishedRevokedSessions implements RevokedSessions.Source {

    private static final Logger LOG = LoggerFactory.getLogger(PublishedRevokedSessions.class);

    private static final Duration TIMEOUT = Duration.ofSeconds(2);

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(TIMEOUT).build();

    private final URI uri;

    private volatile boolean absenceLogged;

    PublishedRevokedSessions(URI uri) {
        this.uri = uri;
    }

    @Override
    public Map<String, Instant> read() {
        HttpResponse<String> answer = fetch();
        if (answer.statusCode() == 404) {
            if (!absenceLogged) {
                absenceLogged = true;
                LOG.info("{} does not exist: the issuer publishes no revoked sessions, so tokens end when they expire",
                        uri);
            }
            return Map.of();
        }
        if (answer.statusCode() != 200) {
            throw new IllegalStateException(uri + " answered " + answer.statusCode());
        }
        Map<String, Instant> revoked = new HashMap<>();
        for (JsonNode session : JSON.readTree(answer.body()).path("revoked_sessions")) {
            revoked.merge(session.path("subject_sha256").asString(),
                    Instant.parse(session.path("issued_before").asString()),
                    (one, other) -> one.isAfter(other) ? one : other);
        }
        return revoked;
    }

    private HttpResponse<String> fetch() {
        try {
            return http.send(HttpRequest.newBuilder(uri).timeout(TIMEOUT).header("Accept", "application/json").build(),
                    HttpResponse.BodyHandlers.ofString());
        }
        catch (IOException e) {
            throw new UncheckedIOException(uri + " cannot be read", e);
        }
        catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(uri + " was not read: interrupted", e);
        }
    }
}
