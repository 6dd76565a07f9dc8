package io.croupier.embedded;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import java.util.stream.Collectors;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.PlainJWT;
import com.nimbusds.jwt.SignedJWT;
import com.sun.net.httpserver.HttpServer;

/**
 * A stand-in for identity-service in tests: it publishes its signing key at {@code /.well-known/jwks.json} on
 * loopback and mints tokens exactly as identity-service does (RS256, issuer, audience {@code croupier}, roles,
 * publisher id), so a service under test validates them through its real resource-server chain. It also mints the
 * forgeries every service must refuse. {@link EmbeddedInfrastructureInitializer} points test contexts at it.
 */
public final class TestIssuer implements AutoCloseable {

    public static final String ADMIN = "ADMIN";

    public static final String MANAGER = "MANAGER";

    public static final String ANALYST = "ANALYST";

    public static final String PUBLISHER = "PUBLISHER";

    public static final String AUDIENCE = "croupier";

    private static final Duration LIFETIME = Duration.ofMinutes(30);

    private final HttpServer server;

    private final RSAKey key;

    private final Map<String, Instant> revoked = new ConcurrentHashMap<>();

    /** Never published: what an attacker signs with. */
    private final RSAKey foreignKey;

    private TestIssuer(HttpServer server, RSAKey key, RSAKey foreignKey) {
        this.server = server;
        this.key = key;
        this.foreignKey = foreignKey;
    }

    static TestIssuer start() {
        try {
            RSAKey key = new RSAKeyGenerator(2048).keyID("test-" + UUID.randomUUID()).generate();
            RSAKey foreign = new RSAKeyGenerator(2048).keyID(key.getKeyID()).generate();
            HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 16);
            byte[] keySet = new JWKSet(key.toPublicJWK()).toString().getBytes(StandardCharsets.UTF_8);
            server.createContext("/.well-known/jwks.json", exchange -> {
                try (exchange; OutputStream out = exchange.getResponseBody()) {
                    exchange.getResponseHeaders().set("Content-Type", "application/json");
                    exchange.sendResponseHeaders(200, keySet.length);
                    out.write(keySet);
                }
            });
            TestIssuer issuer = new TestIssuer(server, key, foreign);
            server.createContext("/.well-known/revoked-sessions.json", exchange -> {
                byte[] list = issuer.revokedSessions().getBytes(StandardCharsets.UTF_8);
                try (exchange; OutputStream out = exchange.getResponseBody()) {
                    exchange.getResponseHeaders().set("Content-Type", "application/json");
                    exchange.sendResponseHeaders(200, list.length);
                    out.write(list);
                }
            });
            server.start();
            return issuer;
        }
        catch (JOSEException e) {
            throw new IllegalStateException("cannot generate the test issuer's key", e);
        }
        catch (IOException e) {
            throw new UncheckedIOException("cannot start the test issuer", e);
        }
    }

    /** The {@code iss} of its tokens and the base of its key set's URL. */
    public String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    public String jwkSetUri() {
        return url() + "/.well-known/jwks.json";
    }

    /**
     * Revokes the sessions of {@code subject} as identity-service does when an account is disabled: its tokens issued
     * before now are listed at {@code /.well-known/revoked-sessions.json}.
     */
    public Instant revokeSessionsOf(String subject) {
        Instant now = Instant.now();
        revoked.put(subject, now);
        return now;
    }

    private String revokedSessions() {
        return revoked.entrySet().stream()
            .map(session -> "{\"subject_sha256\":\"" + sha256(session.getKey()) + "\",\"issued_before\":\""
                    + session.getValue() + "\"}")
            .collect(Collectors.joining(",", "{\"revoked_sessions\":[", "]}"));
    }

    private static String sha256(String subject) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                .digest(subject.getBytes(StandardCharsets.UTF_8)));
        }
        catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A valid token of an operator role ({@link #ADMIN}, {@link #MANAGER}, {@link #ANALYST}). */
    public String token(String role) {
        return signed(key, claims -> claims.subject("test-" + role.toLowerCase()).claim("roles", List.of(role)));
    }

    /** A valid token of the publisher with this id. */
    public String publisherToken(String publisherId) {
        return signed(key, claims -> claims.subject("test-publisher-" + publisherId)
            .claim("roles", List.of(PUBLISHER))
            .claim("publisher_id", publisherId));
    }

    /** {@code "Bearer <token>"} for an operator role, ready for an {@code Authorization} header. */
    public String bearer(String role) {
        return "Bearer " + token(role);
    }

    /** A token with the claims a test chooses on top of a valid operator's. */
    public String token(String role, Consumer<JWTClaimsSet.Builder> changes) {
        return signed(key, claims -> {
            claims.subject("test-" + role.toLowerCase()).claim("roles", List.of(role));
            changes.accept(claims);
        });
    }

    public String expiredToken(String role) {
        Instant past = Instant.now().minus(Duration.ofHours(2));
        return token(role, claims -> claims.issueTime(Date.from(past)).expirationTime(Date.from(past.plus(LIFETIME))));
    }

    /** Signed with a key that is not in the published set but carries the published key's id. */
    public String forgedToken(String role) {
        return signed(foreignKey, claims -> claims.subject("test-" + role.toLowerCase()).claim("roles", List.of(role)));
    }

    /** {@code alg: none}: no signature at all. */
    public String unsignedToken(String role) {
        return new PlainJWT(claims(claims -> claims.subject("test-" + role.toLowerCase())
            .claim("roles", List.of(role)))).serialize();
    }

    public String tokenOfAnotherIssuer(String role) {
        return token(role, claims -> claims.issuer("https://issuer.attacker.example"));
    }

    public String tokenForAnotherAudience(String role) {
        return token(role, claims -> claims.audience("another-platform"));
    }

    private String signed(RSAKey signingKey, Consumer<JWTClaimsSet.Builder> content) {
        SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(signingKey.getKeyID())
            .type(JOSEObjectType.JWT)
            .build(), claims(content));
        try {
            jwt.sign(new RSASSASigner(signingKey));
        }
        catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
        return jwt.serialize();
    }

    private JWTClaimsSet claims(Consumer<JWTClaimsSet.Builder> content) {
        Instant now = Instant.now();
        JWTClaimsSet.Builder claims = new JWTClaimsSet.Builder().issuer(url())
            .audience(AUDIENCE)
            .issueTime(Date.from(now))
            .expirationTime(Date.from(now.plus(LIFETIME)))
            .jwtID(UUID.randomUUID().toString());
        content.accept(claims);
        return claims.build();
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
