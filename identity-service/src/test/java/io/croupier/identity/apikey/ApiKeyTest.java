package io.croupier.identity.apikey;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;

import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import io.croupier.identity.IdentityApi;
import io.croupier.embedded.ServiceHttp.Answer;
import io.croupier.identity.IdentityServiceTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

@IdentityServiceTest
class ApiKeyTest {

    @LocalServerPort
    int port;

    @Autowired
    JdbcClient jdbc;

    IdentityApi api;

    String admin;

    @BeforeEach
    void client() {
        api = new IdentityApi(port);
        admin = api.adminToken();
    }

    @Test
    void aKeysSecretIsShownOnceAndStoredOnlyAsAHash() {
        JsonNode key = create("casino BI", "ANALYST", null);
        String secret = key.path("client_secret").asString();

        assertThat(secret).startsWith("cks_").hasSizeGreaterThanOrEqualTo(40);
        assertThat(key.path("client_id").asString()).startsWith("ck_");
        assertThat(api.get("/admin/api-keys/" + key.path("id").asLong(), admin).body()).doesNotContain(secret)
            .doesNotContain("client_secret");
        assertThat(api.get("/admin/api-keys", admin).body()).doesNotContain(secret);
        byte[] stored = jdbc.sql("select secret_hash from api_keys where id = ?").param(key.path("id").asLong())
            .query(byte[].class).single();
        assertThat(new String(stored, StandardCharsets.ISO_8859_1)).doesNotContain(secret);
        assertThat(stored).hasSize(32);
    }

    @Test
    void aKeyIsExchangedForAShortLivedTokenOfItsRoleByBasicAuthOrForm() throws Exception {
        JsonNode key = create("publisher script", "PUBLISHER", "17");
        String clientId = key.path("client_id").asString();
        String secret = key.path("client_secret").asString();

        Answer basic = api.form("/token", "grant_type=client_credentials", "Authorization", "Basic "
                + Base64.getEncoder().encodeToString((clientId + ":" + secret).getBytes(StandardCharsets.UTF_8)));
        Answer form = api.form("/token", "grant_type=client_credentials&client_id=" + clientId + "&client_secret="
                + secret);

        assertThat(basic.status()).isEqualTo(200);
        assertThat(form.status()).isEqualTo(200);
        assertThat(basic.json().path("token_type").asString()).isEqualTo("Bearer");
        assertThat(basic.json().path("expires_in").asLong()).isEqualTo(900);
        assertThat(basic.header("Cache-Control")).isEqualTo("no-store");
        JWTClaimsSet claims = SignedJWT.parse(basic.json().path("access_token").asString()).getJWTClaimsSet();
        assertThat(claims.getSubject()).isEqualTo(clientId);
        assertThat(claims.getStringListClaim("roles")).containsExactly("PUBLISHER");
        assertThat(claims.getStringClaim("publisher_id")).isEqualTo("17");
        assertThat(claims.getClaim("auth_time")).isNull();
        assertThat(Instant.parse(api.get("/admin/api-keys/" + key.path("id").asLong(), admin).json()
            .path("last_used_at").asString())).isAfter(Instant.now().minusSeconds(60));
    }

    @Test
    void anAdminKeysTokenCallsAdminEndpointsButCannotBeRenewed() {
        JsonNode key = create("automation", "ADMIN", null);
        String token = exchange(key).json().path("access_token").asString();

        assertThat(api.get("/admin/accounts", token).status()).isEqualTo(200);
        assertThat(api.post("/login/renew", null, token).status()).isEqualTo(403);
        assertThat(api.get("/me", token).status()).as("a key is no account").isEqualTo(404);
    }

    @Test
    void aWrongSecretAnUnknownClientARevokedAndAnExpiredKeyGetNoToken() {
        JsonNode revoked = create("old BI", "ANALYST", null);
        assertThat(api.delete("/admin/api-keys/" + revoked.path("id").asLong(), admin).json().path("revoked_at")
            .isNull()).isFalse();
        JsonNode valid = create("current BI", "ANALYST", null);
        JsonNode expiring = create("temporary", "ANALYST", null);
        jdbc.sql("update api_keys set expires_at = now() - interval '1 minute' where id = ?")
            .param(expiring.path("id").asLong()).update();

        Answer wrongSecret = api.form("/token", "grant_type=client_credentials&client_id="
                + valid.path("client_id").asString() + "&client_secret=cks_guessed");
        Answer unknown = api.form("/token", "grant_type=client_credentials&client_id=ck_nobody&client_secret=x");

        for (Answer refused : new Answer[] { wrongSecret, unknown, exchange(revoked), exchange(expiring) }) {
            assertThat(refused.status()).isEqualTo(401);
            assertThat(refused.json().path("error").asString()).isEqualTo("invalid_client");
            assertThat(refused.body()).doesNotContain("access_token");
        }
        assertThat(exchange(valid).status()).isEqualTo(200);
    }

    @Test
    void revokingAKeyRevokesTheTokensAlreadyIssuedForIt() {
        JsonNode key = create("leaked BI", "ANALYST", null);
        String token = exchange(key).json().path("access_token").asString();
        assertThat(api.get("/admin/audit", token).status()).as("an analyst may not read the audit").isEqualTo(403);
        long issuedIn = Instant.now().getEpochSecond();
        await().atMost(Duration.ofSeconds(2)).until(() -> Instant.now().getEpochSecond() > issuedIn);

        api.delete("/admin/api-keys/" + key.path("id").asLong(), admin);

        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(api.get("/admin/audit", token)
            .status()).isEqualTo(401));
    }

    @Test
    void onlyTheClientCredentialsGrantIsSupported() {
        Answer password = api.form("/token", "grant_type=password&username=a&password=b");

        assertThat(password.status()).isEqualTo(400);
        assertThat(password.json().path("error").asString()).isEqualTo("unsupported_grant_type");
    }

    private JsonNode create(String name, String role, String publisherId) {
        Answer created = api.post("/admin/api-keys", """
                {"name":"%s","role":"%s","publisher_id":%s}""".formatted(name, role,
                publisherId == null ? "null" : "\"" + publisherId + "\""), admin);
        assertThat(created.status()).isEqualTo(201);
        return created.json();
    }

    private Answer exchange(JsonNode key) {
        return api.form("/token", "grant_type=client_credentials&client_id=" + key.path("client_id").asString()
                + "&client_secret=" + key.path("client_secret").asString());
    }
}
