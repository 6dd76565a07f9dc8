package io.croupier.identity;

import java.util.UUID;

import io.croupier.embedded.ServiceHttp;
import io.croupier.embedded.ServiceHttp.Answer;

/** The service's HTTP API as a client uses it: logins and accounts, and plain calls with a token of the caller's. */
public final class IdentityApi {

    private final int port;

    private final ServiceHttp anonymous;

    public IdentityApi(int port) {
        this.port = port;
        this.anonymous = new ServiceHttp(port);
    }

    public String baseUrl() {
        return anonymous.baseUrl();
    }

    public Answer login(String username, String password) {
        return post("/login", """
                {"username":"%s","password":"%s"}""".formatted(username, password), null);
    }

    /** A token of a successful login. */
    public String tokenOf(String username, String password) {
        Answer answer = login(username, password);
        if (answer.status() != 200) {
            throw new AssertionError("login of " + username + " answered " + answer.status() + ": " + answer.body());
        }
        return answer.json().path("token").asString();
    }

    public String adminToken() {
        return tokenOf(IdentityServiceTest.ADMIN, IdentityServiceTest.ADMIN_PASSWORD);
    }

    /** Creates an account with a unique name; answers its username. */
    public String createAccount(String adminToken, String role, String publisherId, String password) {
        String username = role.toLowerCase() + "-" + UUID.randomUUID().toString().substring(0, 8);
        Answer created = post("/admin/accounts", """
                {"username":"%s","password":"%s","role":"%s","publisher_id":%s}""".formatted(username, password, role,
                publisherId == null ? "null" : "\"" + publisherId + "\""), adminToken);
        if (created.status() != 201) {
            throw new AssertionError("creating " + username + " answered " + created.status() + ": "
                    + created.body());
        }
        return username;
    }

    public Answer get(String path, String token) {
        return as(token).get(path);
    }

    public Answer post(String path, String json, String token) {
        return as(token).post(path, json);
    }

    public Answer put(String path, String json, String token) {
        return as(token).put(path, json);
    }

    public Answer delete(String path, String token) {
        return as(token).delete(path);
    }

    /** A form post, with any extra headers as name, value pairs. */
    public Answer form(String path, String form, String... headers) {
        return anonymous.form(path, form, headers);
    }

    /** Calls as the bearer of {@code token}; anonymously when it is null. */
    public ServiceHttp as(String token) {
        return token == null ? anonymous : new ServiceHttp(port, token);
    }
}
