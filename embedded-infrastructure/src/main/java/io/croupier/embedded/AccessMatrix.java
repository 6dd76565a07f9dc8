package io.croupier.embedded;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;

/**
 * The role × endpoint matrix of one service: every endpoint is called by every kind of caller (anonymous, each role,
 * and the tokens every service must refuse), against the real running service, and each answer is checked against
 * the endpoint's rule: its success status for a caller it allows, 401 without a valid token, 403 for a role it does
 * not allow. Test classes turn {@link #cases()} into dynamic tests.
 */
public final class AccessMatrix {

    /** The roles, in the order the matrix calls them. */
    public static final List<String> ROLES = List.of(TestIssuer.ADMIN, TestIssuer.MANAGER, TestIssuer.ANALYST,
            TestIssuer.PUBLISHER);

    public static final Set<String> OPERATORS = Set.of(TestIssuer.ADMIN, TestIssuer.MANAGER, TestIssuer.ANALYST);

    public static final Set<String> EVERYONE = Set.of(TestIssuer.ADMIN, TestIssuer.MANAGER, TestIssuer.ANALYST,
            TestIssuer.PUBLISHER);

    private static final HttpClient HTTP = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();

    private final String baseUrl;

    private final Map<String, Supplier<String>> roleTokens;

    private final Map<String, Supplier<String>> refusedTokens;

    private final List<Endpoint> endpoints = new ArrayList<>();

    private AccessMatrix(String baseUrl, Map<String, Supplier<String>> roleTokens,
            Map<String, Supplier<String>> refusedTokens) {
        this.baseUrl = baseUrl;
        this.roleTokens = roleTokens;
        this.refusedTokens = refusedTokens;
    }

    /**
     * A matrix whose callers hold tokens of the JVM's {@link TestIssuer}; the publisher acts for
     * {@code publisherId}.
     */
    public static AccessMatrix withTestIssuer(String baseUrl, String publisherId) {
        TestIssuer issuer = TestInfrastructure.issuer();
        Map<String, Supplier<String>> roles = new LinkedHashMap<>();
        for (String role : ROLES) {
            roles.put(role, TestIssuer.PUBLISHER.equals(role) ? () -> issuer.publisherToken(publisherId)
                    : () -> issuer.token(role));
        }
        return new AccessMatrix(baseUrl, roles, refusedTokensOf(issuer));
    }

    /** A matrix whose callers' tokens come from elsewhere, such as a real identity-service login. */
    public static AccessMatrix withTokens(String baseUrl, Map<String, Supplier<String>> roleTokens,
            Map<String, Supplier<String>> refusedTokens) {
        return new AccessMatrix(baseUrl, Map.copyOf(roleTokens), Map.copyOf(refusedTokens));
    }

    /** Expired, forged, unsigned and foreign tokens of an operator, all of which every service must refuse. */
    public static Map<String, Supplier<String>> refusedTokensOf(TestIssuer issuer) {
        Map<String, Supplier<String>> refused = new LinkedHashMap<>();
        refused.put("expired", () -> issuer.expiredToken(TestIssuer.ADMIN));
        refused.put("forged signature", () -> issuer.forgedToken(TestIssuer.ADMIN));
        refused.put("alg none", () -> issuer.unsignedToken(TestIssuer.ADMIN));
        refused.put("wrong issuer", () -> issuer.tokenOfAnotherIssuer(TestIssuer.ADMIN));
        refused.put("wrong audience", () -> issuer.tokenForAnotherAudience(TestIssuer.ADMIN));
        return refused;
    }

    /** An endpoint anyone may call; {@code request} must succeed with {@code success} for every caller. */
    public AccessMatrix publicly(int success, Supplier<Call> request) {
        endpoints.add(new Endpoint(null, success, request));
        return this;
    }

    /** An endpoint for {@code roles}; {@code request} must succeed with {@code success} for each of them. */
    public AccessMatrix endpoint(Set<String> roles, int success, Supplier<Call> request) {
        endpoints.add(new Endpoint(Set.copyOf(roles), success, request));
        return this;
    }

    /** One case per endpoint and caller. */
    public List<Case> cases() {
        List<Case> cases = new ArrayList<>();
        for (Endpoint endpoint : endpoints) {
            String name = endpoint.request().get().describe();
            cases.add(new Case(name + " anonymous", () -> check(endpoint, null,
                    endpoint.roles() == null ? endpoint.success() : 401)));
            for (Map.Entry<String, Supplier<String>> role : roleTokens.entrySet()) {
                int expected = endpoint.roles() == null || endpoint.roles().contains(role.getKey()) ? endpoint.success()
                        : 403;
                cases.add(new Case(name + " as " + role.getKey(), () -> check(endpoint, role.getValue().get(),
                        expected)));
            }
            for (Map.Entry<String, Supplier<String>> refused : refusedTokens.entrySet()) {
                cases.add(new Case(name + " with " + refused.getKey() + " token", () -> check(endpoint,
                        refused.getValue().get(), endpoint.roles() == null ? endpoint.success() : 401)));
            }
        }
        return cases;
    }

    private void check(Endpoint endpoint, String token, int expected) {
        Call call = endpoint.request().get();
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(baseUrl + call.path()))
            .method(call.method(), call.body() == null ? HttpRequest.BodyPublishers.noBody()
                    : HttpRequest.BodyPublishers.ofString(call.body()));
        if (call.body() != null) {
            request.header("Content-Type", call.contentType());
        }
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        try {
            HttpResponse<String> answer = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
            if (answer.statusCode() != expected) {
                throw new AssertionError(call.describe() + " answered " + answer.statusCode() + ", expected "
                        + expected + ": " + answer.body());
            }
        }
        catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** One request; a supplier makes a fresh one per caller, so that creating calls never collide. */
    public record Call(String method, String path, String body, String contentType) {

        public static Call get(String path) {
            return new Call("GET", path, null, null);
        }

        public static Call delete(String path) {
            return new Call("DELETE", path, null, null);
        }

        public static Call post(String path, String json) {
            return new Call("POST", path, json, "application/json");
        }

        public static Call put(String path, String json) {
            return new Call("PUT", path, json, "application/json");
        }

        public static Call form(String path, String form) {
            return new Call("POST", path, form, "application/x-www-form-urlencoded");
        }

        String describe() {
            return method + " " + path;
        }
    }

    /** One cell of the matrix; {@link #verify()} throws an {@link AssertionError} when the answer is wrong. */
    public record Case(String name, Runnable check) {

        public void verify() {
            check.run();
        }
    }

    private record Endpoint(Set<String> roles, int success, Supplier<Call> request) {
    }
}
