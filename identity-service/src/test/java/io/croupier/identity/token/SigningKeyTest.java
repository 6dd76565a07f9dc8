package io.croupier.identity.token;

import java.time.Duration;
import java.util.List;

import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jwt.SignedJWT;
import io.croupier.identity.IdentityApi;
import io.croupier.identity.IdentityServiceTest;
import io.croupier.identity.IdentitySettings;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.TaskScheduler;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

@IdentityServiceTest
class SigningKeyTest {

    @LocalServerPort
    int port;

    @Autowired
    SigningKeys keys;

    @Autowired
    IdentitySettings settings;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    TransactionTemplate transactions;

    @Autowired
    TaskScheduler scheduler;

    IdentityApi api;

    @BeforeEach
    void client() {
        api = new IdentityApi(port);
    }

    /** Leaves a key this context can decrypt as the newest, whatever a test did to the shared table. */
    @AfterEach
    void restoreAUsableKey() {
        keys.rotate();
    }

    @Test
    void theKeySetPublishesTheActivePublicKeyAndNoPrivatePart() throws Exception {
        String token = api.adminToken();

        JsonNode keySet = api.get("/.well-known/jwks.json", null).json();

        String kid = SignedJWT.parse(token).getHeader().getKeyID();
        JsonNode published = keySet.path("keys").get(0);
        assertThat(published.path("kid").asString()).isEqualTo(kid);
        assertThat(published.path("kty").asString()).isEqualTo("RSA");
        assertThat(published.path("use").asString()).isEqualTo("sig");
        assertThat(keySet.toString()).doesNotContain("\"d\"").doesNotContain("\"p\"").doesNotContain("\"q\"");
    }

    @Test
    void theDiscoveryDocumentNamesTheIssuerAndItsKeySet() {
        JsonNode discovery = api.get("/.well-known/openid-configuration", null).json();

        assertThat(discovery.path("issuer").asString()).isEqualTo(api.baseUrl());
        assertThat(discovery.path("jwks_uri").asString()).isEqualTo(api.baseUrl() + "/.well-known/jwks.json");
        assertThat(discovery.path("token_endpoint").asString()).isEqualTo(api.baseUrl() + "/token");
    }

    @Test
    void afterARotationNewTokensUseTheNewKeyAndTokensOfTheOldOneAreStillAccepted() throws Exception {
        String before = api.adminToken();
        String oldKid = SignedJWT.parse(before).getHeader().getKeyID();

        JsonNode rotation = api.post("/admin/signing-keys/rotate", null, before).json();

        String newKid = rotation.path("active_kid").asString();
        assertThat(newKid).isNotEqualTo(oldKid);
        assertThat(rotation.path("previous_kid").asString()).isEqualTo(oldKid);
        String after = api.adminToken();
        assertThat(SignedJWT.parse(after).getHeader().getKeyID()).isEqualTo(newKid);
        assertThat(kids()).startsWith(newKid).contains(oldKid);
        assertThat(api.get("/admin/accounts", before).status()).isEqualTo(200);
        assertThat(api.get("/admin/accounts", after).status()).isEqualTo(200);
    }

    @Test
    void aRetiredKeyLeavesTheKeySetOnceItsTokensHaveExpired() {
        String retired = keys.active().getKeyID();
        keys.rotate();
        assertThat(kids()).contains(retired);

        Duration longAgo = settings.tokens().longest().plus(Duration.ofMinutes(6));
        jdbc.sql("update signing_keys set retired_at = now() - ? * interval '1 second' where kid = ?")
            .params(longAgo.toSeconds(), retired).update();

        assertThat(kids()).doesNotContain(retired);
    }

    @Test
    void privateKeysAreEncryptedAtRestAndAnotherEncryptionKeyMakesTheServiceRotate() {
        String active = keys.active().getKeyID();
        String stored = jdbc.sql("select private_jwk_encrypted from signing_keys where kid = ?").param(active)
            .query(String.class).single();
        assertThat(stored).doesNotContain("\"d\"").startsWith("eyJ");
        assertThat(stored.split("\\.")).hasSize(5);

        SigningKeys restartedWithAnotherKey = new SigningKeys(jdbc, transactions, scheduler, new IdentitySettings(
                settings.issuer(), settings.tokens(), new IdentitySettings.SigningKeys(
                        "ynwIPyz9kIJrZKA/uHqSxu30GtV7enR8N/sA9JeGhVg=", Duration.ofDays(90), Duration.ofDays(1)),
                settings.logins(), settings.bootstrapAdmin()));
        restartedWithAnotherKey.afterPropertiesSet();

        assertThat(restartedWithAnotherKey.active().getKeyID()).isNotEqualTo(active);
        assertThat(kids()).contains(active, restartedWithAnotherKey.active().getKeyID());
    }

    @Test
    void aKeyOlderThanTheRotationIntervalIsReplacedByTheScheduledRefresh() {
        String active = keys.active().getKeyID();
        SigningKeys aged = new SigningKeys(jdbc, transactions, scheduler, new IdentitySettings(settings.issuer(),
                settings.tokens(), new IdentitySettings.SigningKeys(IdentityServiceTest.ENCRYPTION_KEY,
                        Duration.ofMillis(1), Duration.ofDays(1)), settings.logins(), settings.bootstrapAdmin()));
        aged.afterPropertiesSet();
        assertThat(aged.active().getKeyID()).isEqualTo(active);

        aged.refresh();

        assertThat(aged.active().getKeyID()).isNotEqualTo(active);
    }

    private List<String> kids() {
        try {
            return JWKSet.parse(api.get("/.well-known/jwks.json", null).body()).getKeys().stream()
                .map(key -> key.getKeyID()).toList();
        }
        catch (java.text.ParseException e) {
            throw new IllegalStateException(e);
        }
    }
}
