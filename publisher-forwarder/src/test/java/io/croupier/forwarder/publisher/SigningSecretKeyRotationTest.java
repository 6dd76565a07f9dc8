package io.croupier.forwarder.publisher;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;

import io.croupier.embedded.EmbeddedInfrastructureInitializer;
import io.croupier.embedded.TestInfrastructure;
import io.croupier.embedded.TestIssuer;
import io.croupier.forwarder.PublisherForwarderApplication;
import io.croupier.secrets.atrest.Keysets;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.web.client.RestClient;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The documented rotation of the key that encrypts signing secrets, through three starts of the real service on a
 * schema of its own: a secret stored under the old key is still read once a new key is primary, is re-encrypted in
 * the background, and is still read after the old key has left the keyset.
 */
class SigningSecretKeyRotationTest {

    private static final String SCHEMA = "forwarder_key_rotation";

    @Test
    void secretsSurviveAKeyRotationAndEndUpUnderTheNewKey() {
        String oldKeyset = Keysets.create();
        String rotated = Keysets.withNewKey(oldKeyset);
        long newKey = Keysets.newestKeyId(rotated);
        String promoted = Keysets.promote(rotated, newKey);
        String withoutOldKey = Keysets.remove(promoted, Keysets.primaryKeyId(oldKeyset));
        long publisherId;
        String secret;

        try (ConfigurableApplicationContext before = start(oldKeyset, "1h")) {
            JsonNode created = createPublisher(before);
            publisherId = created.get("id").asLong();
            secret = created.get("signing_secret").asString();
            byte[] stored = before.getBean(JdbcClient.class)
                .sql("select signing_secret from publishers where id = :id").param("id", publisherId)
                .query(byte[].class).single();
            assertThat(new String(stored, StandardCharsets.ISO_8859_1)).doesNotContain(secret.substring(6));
        }

        try (ConfigurableApplicationContext afterPromotion = start(promoted, "1s")) {
            assertThat(signingSecretOf(afterPromotion, publisherId)).isEqualTo(secret);
            await().atMost(Duration.ofSeconds(30)).until(() -> status(afterPromotion).get("columns").get(0)
                .get("under_other_keys").asLong() == 0);
        }

        try (ConfigurableApplicationContext afterRemoval = start(withoutOldKey, "1h")) {
            assertThat(signingSecretOf(afterRemoval, publisherId)).isEqualTo(secret);
            JsonNode status = http(afterRemoval).post().uri("/admin/secrets/encryption/re-encrypt").retrieve()
                .body(JsonNode.class);
            assertThat(status.get("primary_key_id").asLong()).isEqualTo(newKey);
            assertThat(status.get("columns").get(0).get("column").asString()).isEqualTo("publishers.signing_secret");
            assertThat(status.get("columns").get(0).get("under_primary_key").asLong())
                .isEqualTo(status.get("columns").get(0).get("encrypted").asLong());
        }
    }

    private static String signingSecretOf(ConfigurableApplicationContext service, long publisherId) {
        return service.getBean(Publishers.class).endpoint(publisherId).orElseThrow().signingSecret().value();
    }

    private static JsonNode status(ConfigurableApplicationContext service) {
        return http(service).get().uri("/admin/secrets/encryption").retrieve().body(JsonNode.class);
    }

    private static ConfigurableApplicationContext start(String keyset, String reencryptInterval) {
        return new SpringApplicationBuilder(PublisherForwarderApplication.class)
            .initializers(new EmbeddedInfrastructureInitializer())
            .run("--server.port=0", "--spring.flyway.schemas=" + SCHEMA, "--spring.flyway.default-schema=" + SCHEMA,
                    "--spring.kafka.listener.auto-startup=false", "--croupier.secrets.encryption.keyset=" + keyset,
                    "--croupier.secrets.encryption.reencrypt-interval=" + reencryptInterval);
    }

    private static JsonNode createPublisher(ConfigurableApplicationContext service) {
        return http(service).post()
            .uri("/admin/publishers")
            .contentType(MediaType.APPLICATION_JSON)
            .body(Map.of("name", "Rotation", "username", "rotation-" + UUID.randomUUID(), "postback_url",
                    "https://publisher.example/pb?c={click_id}", "payout_terms", Map.of("revshare_percent", 80)))
            .retrieve()
            .body(JsonNode.class);
    }

    private static RestClient http(ConfigurableApplicationContext service) {
        // Key management is the administrator's: the re-encryption endpoint is not a manager's.
        return RestClient.builder()
            .baseUrl("http://127.0.0.1:" + service.getEnvironment().getProperty("local.server.port"))
            .defaultHeader("Authorization", TestInfrastructure.issuer().bearer(TestIssuer.ADMIN))
            .build();
    }
}
