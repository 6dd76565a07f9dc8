package io.croupier.identity;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Supplier;
import java.util.stream.Stream;

import io.croupier.embedded.AccessMatrix;
import io.croupier.embedded.AccessMatrix.Call;
import io.croupier.embedded.TestInfrastructure;
import io.croupier.embedded.TestIssuer;
import io.croupier.identity.token.SigningKeys;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;

import static io.croupier.embedded.AccessMatrix.EVERYONE;

/**
 * Every identity-service endpoint against every kind of caller, with tokens from real logins of accounts of each
 * role, and tokens in the service's name that it must refuse.
 */
@IdentityServiceTest
class IdentityAccessMatrixTest {

    private static final String PASSWORD = "matrix password";

    private static final Set<String> ADMIN = Set.of(TestIssuer.ADMIN);

    @LocalServerPort
    int port;

    @Autowired
    SigningKeys keys;

    @TestFactory
    Stream<DynamicTest> everyEndpointAnswersEveryCallerAsItsRuleSays() {
        IdentityApi api = new IdentityApi(port);
        String admin = api.adminToken();
        Map<String, String> usernames = new LinkedHashMap<>();
        usernames.put(TestIssuer.ADMIN, IdentityServiceTest.ADMIN);
        usernames.put(TestIssuer.MANAGER, api.createAccount(admin, "MANAGER", null, PASSWORD));
        usernames.put(TestIssuer.ANALYST, api.createAccount(admin, "ANALYST", null, PASSWORD));
        usernames.put(TestIssuer.PUBLISHER, api.createAccount(admin, "PUBLISHER", "5", PASSWORD));
        Map<String, Supplier<String>> tokens = new LinkedHashMap<>();
        usernames.forEach((role, username) -> tokens.put(role, () -> api.tokenOf(username,
                role.equals(TestIssuer.ADMIN) ? IdentityServiceTest.ADMIN_PASSWORD : PASSWORD)));

        IdentityTokens ours = new IdentityTokens(api.baseUrl(), keys.active());
        TestIssuer foreign = TestInfrastructure.issuer();
        Map<String, Supplier<String>> refused = new LinkedHashMap<>();
        refused.put("expired", ours::expired);
        refused.put("wrong audience", ours::forAnotherAudience);
        refused.put("alg none", ours::unsigned);
        refused.put("forged signature", () -> foreign.token(TestIssuer.ADMIN,
                claims -> claims.issuer(api.baseUrl()).subject(IdentityServiceTest.ADMIN)));
        refused.put("wrong issuer", () -> foreign.token(TestIssuer.ADMIN));

        String key = api.post("/admin/api-keys", """
                {"name":"matrix","role":"ANALYST"}""", admin).json().toString();
        String clientId = field(key, "client_id");
        String secret = field(key, "client_secret");
        JsonNode accounts = api.get("/admin/accounts?limit=500", admin).json().path("items");
        long accountId = accounts.get(accounts.size() - 1).path("id").asLong();

        return AccessMatrix.withTokens(api.baseUrl(), tokens, refused)
            .publicly(200, () -> Call.post("/login", """
                    {"username":"%s","password":"%s"}""".formatted(IdentityServiceTest.ADMIN,
                    IdentityServiceTest.ADMIN_PASSWORD)))
            .publicly(200, () -> Call.form("/token", "grant_type=client_credentials&client_id=" + clientId
                    + "&client_secret=" + secret))
            .publicly(200, () -> Call.get("/.well-known/jwks.json"))
            .publicly(200, () -> Call.get("/.well-known/openid-configuration"))
            .endpoint(EVERYONE, 200, () -> Call.post("/login/renew", null))
            .endpoint(EVERYONE, 200, () -> Call.get("/me"))
            .endpoint(ADMIN, 200, () -> Call.get("/admin/accounts"))
            .endpoint(ADMIN, 201, () -> Call.post("/admin/accounts", """
                    {"username":"m-%s","password":"%s","role":"ANALYST"}""".formatted(unique(), PASSWORD)))
            .endpoint(ADMIN, 200, () -> Call.get("/admin/accounts/" + accountId))
            .endpoint(ADMIN, 200, () -> Call.put("/admin/accounts/" + accountId + "/role", """
                    {"role":"ADMIN"}"""))
            .endpoint(ADMIN, 200, () -> Call.post("/admin/accounts/" + accountId + "/enable", null))
            .endpoint(ADMIN, 200, () -> Call.get("/admin/api-keys"))
            .endpoint(ADMIN, 201, () -> Call.post("/admin/api-keys", """
                    {"name":"m-%s","role":"ANALYST"}""".formatted(unique())))
            .endpoint(ADMIN, 200, () -> Call.get("/admin/signing-keys"))
            .endpoint(ADMIN, 200, () -> Call.get("/admin/audit"))
            .cases()
            .stream()
            .map(matrixCase -> DynamicTest.dynamicTest(matrixCase.name(), matrixCase::verify));
    }

    private static String unique() {
        return UUID.randomUUID().toString().substring(0, 8);
    }

    private static String field(String json, String name) {
        return tools.jackson.databind.json.JsonMapper.builder().build().readTree(json).path(name).asString();
    }
}
