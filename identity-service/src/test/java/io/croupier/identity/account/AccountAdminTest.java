package io.croupier.identity.account;

import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

import io.croupier.access.RevokedSessions;
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
class AccountAdminTest {

    private static final String PASSWORD = "a sound password";

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
    void aCreatedAccountIsAnsweredWithoutItsPasswordWhichIsStoredOnlyAsAnAdaptiveHash() {
        String username = "ops-" + UUID.randomUUID().toString().substring(0, 8);

        Answer created = api.post("/admin/accounts", """
                {"username":"%s","password":"%s","role":"MANAGER"}""".formatted(username, PASSWORD), admin);

        assertThat(created.status()).isEqualTo(201);
        assertThat(created.json().path("role").asString()).isEqualTo("MANAGER");
        assertThat(created.json().path("enabled").asBoolean()).isTrue();
        assertThat(created.body()).doesNotContain(PASSWORD).doesNotContain("password_hash").doesNotContain("$2a$");
        String hash = jdbc.sql("select password_hash from accounts where username = ?").param(username)
            .query(String.class).single();
        assertThat(hash).startsWith("{bcrypt}$2a$10$").doesNotContain(PASSWORD);
    }

    @Test
    void usernamesAreUniqueRegardlessOfCase() {
        String username = api.createAccount(admin, "ANALYST", null, PASSWORD);

        Answer again = api.post("/admin/accounts", """
                {"username":"%s","password":"%s","role":"ANALYST"}""".formatted(username.toUpperCase(), PASSWORD),
                admin);

        assertThat(again.status()).isEqualTo(409);
    }

    @Test
    void aPublisherAccountNeedsItsPublisherAndAnOperatorAccountHasNone() {
        assertThat(api.post("/admin/accounts", """
                {"username":"pub-without","password":"%s","role":"PUBLISHER"}""".formatted(PASSWORD), admin)
            .status()).isEqualTo(400);
        assertThat(api.post("/admin/accounts", """
                {"username":"analyst-with","password":"%s","role":"ANALYST","publisher_id":"3"}""".formatted(PASSWORD),
                admin).status()).isEqualTo(400);
    }

    @Test
    void shortOrOverlongPasswordsAreRefusedWithTheRule() {
        Answer tooShort = api.post("/admin/accounts", """
                {"username":"short-pw","password":"short","role":"ANALYST"}""", admin);
        Answer tooLong = api.post("/admin/accounts", """
                {"username":"long-pw","password":"%s","role":"ANALYST"}""".formatted("x".repeat(73)), admin);

        assertThat(tooShort.status()).isEqualTo(400);
        assertThat(tooShort.json().path("detail").asString()).contains("at least 12");
        assertThat(tooLong.status()).isEqualTo(400);
    }

    @Test
    void theLastEnabledAdministratorCanNeitherBeDisabledNorDemoted() {
        jdbc.sql("update accounts set enabled = false where role = 'ADMIN' and username <> ?")
            .param(IdentityServiceTest.ADMIN).update();
        long id = jdbc.sql("select id from accounts where username = ?").param(IdentityServiceTest.ADMIN)
            .query(Long.class).single();

        assertThat(api.post("/admin/accounts/" + id + "/disable", null, admin).status()).isEqualTo(409);
        assertThat(api.put("/admin/accounts/" + id + "/role", """
                {"role":"ANALYST"}""", admin).status()).isEqualTo(409);

        String second = api.createAccount(admin, "ADMIN", null, PASSWORD);
        long secondId = jdbc.sql("select id from accounts where username = ?").param(second).query(Long.class)
            .single();
        assertThat(api.post("/admin/accounts/" + secondId + "/disable", null, admin).status()).isEqualTo(200);
    }

    @Test
    void disablingAnAccountRevokesTheTokensItHadAndListsItsSessionForEveryServiceWithoutNamingIt() {
        String username = api.createAccount(admin, "ANALYST", null, PASSWORD);
        String token = api.tokenOf(username, PASSWORD);
        assertThat(api.get("/me", token).status()).isEqualTo(200);
        awaitTheNextSecond();

        assertThat(api.post("/admin/accounts/" + idOf(username) + "/disable", null, admin).status()).isEqualTo(200);

        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(api.get("/me", token).status())
            .isEqualTo(401));
        Answer list = api.get("/.well-known/revoked-sessions.json", null);
        assertThat(list.status()).isEqualTo(200);
        assertThat(list.json().path("revoked_sessions")).anySatisfy(session -> assertThat(
                session.path("subject_sha256").asString()).isEqualTo(RevokedSessions.subjectHash(username)));
        assertThat(list.body()).doesNotContain(username);

        assertThat(api.post("/admin/accounts/" + idOf(username) + "/enable", null, admin).status()).isEqualTo(200);
        String again = api.tokenOf(username, PASSWORD);
        assertThat(api.get("/me", again).status()).as("a login after the revocation").isEqualTo(200);
        assertThat(api.get("/me", token).status()).as("the token from before stays refused").isEqualTo(401);
    }

    @Test
    void changingAnAccountsRoleOrResettingItsPasswordRevokesTheTokensItHad() {
        String demoted = api.createAccount(admin, "MANAGER", null, PASSWORD);
        String reset = api.createAccount(admin, "ANALYST", null, PASSWORD);
        String demotedToken = api.tokenOf(demoted, PASSWORD);
        String resetToken = api.tokenOf(reset, PASSWORD);
        awaitTheNextSecond();

        assertThat(api.put("/admin/accounts/" + idOf(demoted) + "/role", "{\"role\":\"ANALYST\"}", admin).status())
            .isEqualTo(200);
        assertThat(api.put("/admin/accounts/" + idOf(reset) + "/password",
                "{\"password\":\"another good password\"}", admin).status()).isEqualTo(200);

        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            assertThat(api.get("/me", demotedToken).status()).isEqualTo(401);
            assertThat(api.get("/me", resetToken).status()).isEqualTo(401);
        });
        assertThat(api.get("/me", api.tokenOf(reset, "another good password")).status()).isEqualTo(200);
    }

    /** A token counts whole seconds; one issued in the second of its revocation would be kept. */
    private static void awaitTheNextSecond() {
        long issuedIn = Instant.now().getEpochSecond();
        await().atMost(Duration.ofSeconds(2)).until(() -> Instant.now().getEpochSecond() > issuedIn);
    }

    private long idOf(String username) {
        return jdbc.sql("select id from accounts where username = ?").param(username).query(Long.class).single();
    }

    @Test
    void everyAccountChangeIsAuditedWithTheAdministratorAndNeverThePassword() {
        String username = api.createAccount(admin, "ANALYST", null, PASSWORD);
        long id = jdbc.sql("select id from accounts where username = ?").param(username).query(Long.class).single();
        api.put("/admin/accounts/" + id + "/password", """
                {"password":"another good password"}""", admin);

        JsonNode page = await().atMost(Duration.ofSeconds(20)).until(() -> api.get("/admin/audit?object_type=account"
                + "&object_id=" + id, admin).json(), found -> found.path("items").size() == 2);

        JsonNode reset = page.path("items").get(0);
        JsonNode creation = page.path("items").get(1);
        assertThat(creation.path("action").asString()).isEqualTo("create");
        assertThat(creation.path("actor").path("subject").asString()).isEqualTo(IdentityServiceTest.ADMIN);
        assertThat(creation.path("after").path("username").asString()).isEqualTo(username);
        assertThat(reset.path("action").asString()).isEqualTo("reset-password");
        assertThat(reset.path("service").asString()).isEqualTo("identity-service");
        assertThat(reset.path("changed_fields").toString()).contains("password_changed_at");
        assertThat(page.toString()).doesNotContain(PASSWORD).doesNotContain("another good password")
            .doesNotContain("bcrypt");
    }
}
