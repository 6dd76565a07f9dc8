package io.croupier.identity.login;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;

import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import io.croupier.identity.IdentityApi;
import io.croupier.embedded.ServiceHttp.Answer;
import io.croupier.identity.IdentityServiceTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

@IdentityServiceTest
class LoginTest {

    private static final String PASSWORD = "correct horse battery";

    @LocalServerPort
    int port;

    IdentityApi api;

    String admin;

    @BeforeEach
    void client() {
        api = new IdentityApi(port);
        admin = api.adminToken();
    }

    @Test
    void theFirstAdministratorFromTheConfigurationLogsInAndGetsSeed002sTokenAndExpiry() throws Exception {
        Answer login = api.login(IdentityServiceTest.ADMIN, IdentityServiceTest.ADMIN_PASSWORD);

        assertThat(login.status()).isEqualTo(200);
        Instant expiresAt = Instant.parse(login.json().path("expires_at").asString());
        assertThat(expiresAt).isCloseTo(Instant.now().plus(Duration.ofMinutes(120)), within(1, ChronoUnit.MINUTES));
        assertThat(login.json().path("token_type").asString()).isEqualTo("Bearer");
        assertThat(login.json().path("expires_in").asLong()).isEqualTo(7200);
        SignedJWT token = SignedJWT.parse(login.json().path("token").asString());
        JWTClaimsSet claims = token.getJWTClaimsSet();
        assertThat(token.getHeader().getAlgorithm().getName()).isEqualTo("RS256");
        assertThat(token.getHeader().getKeyID()).isNotBlank();
        assertThat(claims.getIssuer()).isEqualTo(api.baseUrl());
        assertThat(claims.getAudience()).containsExactly("croupier");
        assertThat(claims.getSubject()).isEqualTo(IdentityServiceTest.ADMIN);
        assertThat(claims.getStringListClaim("roles")).containsExactly("ADMIN");
        assertThat(claims.getClaim("publisher_id")).isNull();
        assertThat(claims.getExpirationTime().toInstant()).isEqualTo(expiresAt.truncatedTo(ChronoUnit.SECONDS));
    }

    @Test
    void aPublisherAccountsTokenNamesItsPublisher() throws Exception {
        String username = api.createAccount(admin, "PUBLISHER", "42", PASSWORD);

        JWTClaimsSet claims = SignedJWT.parse(api.tokenOf(username, PASSWORD)).getJWTClaimsSet();

        assertThat(claims.getStringListClaim("roles")).containsExactly("PUBLISHER");
        assertThat(claims.getStringClaim("publisher_id")).isEqualTo("42");
    }

    @Test
    void aWrongPasswordAnUnknownUserAndADisabledAccountFailAlikeAndRevealNothing() {
        String disabled = api.createAccount(admin, "ANALYST", null, PASSWORD);
        api.post("/admin/accounts/" + idOf(disabled) + "/disable", null, admin);
        String known = api.createAccount(admin, "ANALYST", null, PASSWORD);

        List<Answer> failures = List.of(api.login(known, "wrong password!!"), api.login("nobody-at-all", PASSWORD),
                api.login(disabled, PASSWORD));

        for (Answer failure : failures) {
            assertThat(failure.status()).isEqualTo(401);
            assertThat(failure.json().path("detail").asString()).isEqualTo("Wrong username or password.");
        }
    }

    @Test
    void afterTooManyWrongPasswordsEvenTheRightOneIsRefusedUntilAnAdministratorResetsIt() {
        String username = api.createAccount(admin, "MANAGER", null, PASSWORD);
        for (int attempt = 0; attempt < 3; attempt++) {
            assertThat(api.login(username, "not the password").status()).isEqualTo(401);
        }

        assertThat(api.login(username, PASSWORD).status()).isEqualTo(401);

        String fresh = "a brand new password";
        assertThat(api.put("/admin/accounts/" + idOf(username) + "/password", """
                {"password":"%s"}""".formatted(fresh), admin).status()).isEqualTo(200);
        assertThat(api.login(username, fresh).status()).isEqualTo(200);
    }

    @Test
    void aTokenIsRenewedBeforeItExpiresWithTheSameLoginTimeAndTheAccountsCurrentRole() throws Exception {
        String username = api.createAccount(admin, "ANALYST", null, PASSWORD);
        String first = api.tokenOf(username, PASSWORD);
        api.put("/admin/accounts/" + idOf(username) + "/role", """
                {"role":"MANAGER"}""", admin);

        Answer renewed = api.post("/login/renew", null, first);

        assertThat(renewed.status()).isEqualTo(200);
        JWTClaimsSet before = SignedJWT.parse(first).getJWTClaimsSet();
        JWTClaimsSet after = SignedJWT.parse(renewed.json().path("token").asString()).getJWTClaimsSet();
        assertThat(after.getStringListClaim("roles")).containsExactly("MANAGER");
        assertThat(after.getLongClaim("auth_time")).isEqualTo(before.getLongClaim("auth_time"));
        assertThat(after.getJWTID()).isNotEqualTo(before.getJWTID());
        assertThat(after.getExpirationTime()).isAfterOrEqualTo(before.getExpirationTime());
    }

    @Test
    void aDisabledAccountOrAResetPasswordEndsRenewal() {
        String disabled = api.createAccount(admin, "ANALYST", null, PASSWORD);
        String disabledToken = api.tokenOf(disabled, PASSWORD);
        String reset = api.createAccount(admin, "ANALYST", null, PASSWORD);
        String resetToken = api.tokenOf(reset, PASSWORD);

        api.post("/admin/accounts/" + idOf(disabled) + "/disable", null, admin);
        api.put("/admin/accounts/" + idOf(reset) + "/password", """
                {"password":"someone else's new one"}""", admin);

        assertThat(api.post("/login/renew", null, disabledToken).status()).isEqualTo(401);
        assertThat(api.post("/login/renew", null, resetToken).status()).isEqualTo(401);
    }

    @Test
    void anAccountChangesItsOwnPasswordByProvingTheCurrentOne() {
        String username = api.createAccount(admin, "PUBLISHER", "9", PASSWORD);
        String token = api.tokenOf(username, PASSWORD);

        assertThat(api.put("/me/password", """
                {"current_password":"wrong one here","new_password":"my very own secret"}""", token).status())
            .isEqualTo(403);
        assertThat(api.put("/me/password", """
                {"current_password":"%s","new_password":"my very own secret"}""".formatted(PASSWORD), token).status())
            .isEqualTo(200);
        assertThat(api.login(username, PASSWORD).status()).isEqualTo(401);
        assertThat(api.login(username, "my very own secret").status()).isEqualTo(200);
        assertThat(api.get("/me", token).json().path("publisher_id").asString()).isEqualTo("9");
    }

    private long idOf(String username) {
        for (var account : api.get("/admin/accounts?limit=500", admin).json().path("items")) {
            if (username.equals(account.path("username").asString())) {
                return account.path("id").asLong();
            }
        }
        throw new AssertionError("no account " + username);
    }
}
