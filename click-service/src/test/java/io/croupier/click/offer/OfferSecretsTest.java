package io.croupier.click.offer;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.croupier.click.ClickServiceTest;
import io.croupier.embedded.ServiceHttp;
import io.croupier.embedded.TestInfrastructure;
import io.croupier.embedded.TopicRecords;
import io.croupier.events.Offer;
import io.croupier.schemas.Topics;
import io.croupier.secrets.digest.SecretDigest;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Postback secrets and partner keys are shown in full only when created or rotated, masked everywhere else, and kept
 * and published only as look-up digests.
 */
@ClickServiceTest
class OfferSecretsTest {

    private static final TopicRecords<Offer> OFFERS = TopicRecords.of(Topics.OFFERS);

    @LocalServerPort
    int port;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    SecretDigest digests;

    ServiceHttp http;

    @BeforeEach
    void client() {
        http = new ServiceHttp(port, ServiceHttp.manager());
    }

    @Test
    void generatedSecretsAreShownOnCreationAndMaskedWithTheirLastFourCharactersEverywhereElse() {
        JsonNode created = http.post("/admin/offers", """
                {"name":"Masked","casino_url":"https://masked.example/"}""").json();
        String secret = created.get("postback_secret").asString();
        String key = created.get("partner_key").asString();
        long id = created.get("id").asLong();

        JsonNode read = http.get("/admin/offers/" + id).json();
        JsonNode listed = listed(id);
        JsonNode updated = http.put("/admin/offers/" + id, "{\"weight\":2}").json();

        for (JsonNode shown : List.of(read, listed, updated)) {
            assertThat(shown.get("postback_secret").asString()).isEqualTo("****" + secret.substring(28));
            assertThat(shown.get("partner_key").asString()).isEqualTo("****" + key.substring(28));
        }
    }

    @Test
    void aSecretChosenByAPersonIsShownBackOnCreationAndNeverAgainNotEvenInPart() {
        String secret = "your-secure-secret-token-" + UUID.randomUUID().toString().substring(0, 4);
        JsonNode created = http.post("/admin/offers", """
                {"name":"Casino Delta","casino_url":"https://casino-delta.com/register","weight":1.0,
                 "postback_secret":"%s","active":true}""".formatted(secret)).json();

        assertThat(created.get("postback_secret").asString()).as("seed 001 clients see what they sent")
            .isEqualTo(secret);
        assertThat(http.get("/admin/offers/" + created.get("id").asLong()).json().get("postback_secret").asString())
            .isEqualTo("****");
    }

    @Test
    void rotationShowsTheNewSecretOnceAndPublishesOnlyItsDigest() {
        JsonNode created = http.post("/admin/offers", """
                {"name":"Rotated","casino_url":"https://rotated.example/"}""").json();
        long id = created.get("id").asLong();
        String oldSecret = created.get("postback_secret").asString();
        String oldKey = created.get("partner_key").asString();

        JsonNode secretRotated = http.post("/admin/offers/" + id + "/postback-secret", "").json();
        JsonNode keyRotated = http.post("/admin/offers/" + id + "/partner-key", "").json();

        String newSecret = secretRotated.get("postback_secret").asString();
        String newKey = keyRotated.get("partner_key").asString();
        assertThat(newSecret).hasSize(32).isNotEqualTo(oldSecret);
        assertThat(secretRotated.get("partner_key").asString()).as("the key did not change: masked")
            .isEqualTo("****" + oldKey.substring(28));
        assertThat(newKey).hasSize(32).isNotEqualTo(oldKey);
        assertThat(keyRotated.get("postback_secret").asString()).isEqualTo("****" + newSecret.substring(28));
        List<ConsumerRecord<String, Offer>> published = OFFERS.awaitRecords(
                record -> record.key().equals(Long.toString(id)), 3);
        Offer afterSecret = published.get(1).value();
        Offer afterKey = published.get(2).value();
        assertThat(afterSecret.getPostbackSecretDigest()).isEqualTo(digests.digest(newSecret))
            .isNotEqualTo(digests.digest(oldSecret));
        assertThat(afterKey.getPartnerKeyDigest()).isEqualTo(digests.digest(newKey));
        assertThat(afterKey.getPostbackSecret()).isNull();
        assertThat(afterKey.getPartnerKey()).isNull();
        assertThat(http.post("/admin/offers/987654321/postback-secret", "").status()).isEqualTo(404);
    }

    @Test
    void aRotationCanKeepThePreviousSecretAcceptedForAWhileAndSaysUntilWhen() {
        JsonNode created = http.post("/admin/offers", """
                {"name":"Graceful","casino_url":"https://graceful.example/"}""").json();
        long id = created.get("id").asLong();
        String oldSecret = created.get("postback_secret").asString();
        String oldKey = created.get("partner_key").asString();
        Instant before = Instant.now();

        JsonNode secretRotated = http.post("/admin/offers/" + id + "/postback-secret?keep_previous_hours=24", "")
            .json();
        JsonNode keyRotated = http.post("/admin/offers/" + id + "/partner-key?keep_previous_hours=1", "").json();
        JsonNode rotatedAtOnce = http.post("/admin/offers/" + id + "/postback-secret", "").json();
        ServiceHttp.Answer tooLong = http.post("/admin/offers/" + id + "/partner-key?keep_previous_hours=721", "");
        ServiceHttp.Answer negative = http.post("/admin/offers/" + id + "/partner-key?keep_previous_hours=-1", "");

        Instant secretUntil = Instant.parse(secretRotated.get("previous_postback_secret_accepted_until").asString());
        assertThat(secretUntil).isBetween(before.plus(Duration.ofHours(24)), Instant.now().plus(Duration.ofHours(24)));
        List<ConsumerRecord<String, Offer>> published = OFFERS.awaitRecords(
                record -> record.key().equals(Long.toString(id)), 4);
        Offer afterSecret = published.get(1).value();
        Offer afterKey = published.get(2).value();
        assertThat(afterSecret.getPreviousPostbackSecretDigest()).isEqualTo(digests.digest(oldSecret));
        assertThat(afterSecret.getPreviousPostbackSecretAcceptedUntil()).isEqualTo(secretUntil);
        assertThat(afterSecret.getPreviousPartnerKeyDigest()).isNull();
        assertThat(afterKey.getPreviousPartnerKeyDigest()).isEqualTo(digests.digest(oldKey));
        assertThat(afterKey.getPreviousPartnerKeyAcceptedUntil())
            .isEqualTo(Instant.parse(keyRotated.get("previous_partner_key_accepted_until").asString()));
        assertThat(afterKey.getPreviousPostbackSecretDigest()).as("the secret's grace stays while the key rotates")
            .isEqualTo(digests.digest(oldSecret));
        assertThat(rotatedAtOnce.get("previous_postback_secret_accepted_until").isNull()).isTrue();
        assertThat(published.get(3).value().getPreviousPostbackSecretDigest()).isNull();
        assertThat(tooLong.status()).isEqualTo(400);
        assertThat(tooLong.fieldError("keep_previous_hours").get("message").asString()).contains("720");
        assertThat(negative.status()).isEqualTo(400);
    }

    @Test
    void aMaskedValueSentBackUnchangedKeepsTheSecretAndAnyOtherMaskedValueIsRefused() {
        JsonNode created = http.post("/admin/offers", """
                {"name":"Round trip","casino_url":"https://round.example/"}""").json();
        long id = created.get("id").asLong();
        JsonNode shown = http.get("/admin/offers/" + id).json();

        ServiceHttp.Answer sentBack = http.put("/admin/offers/" + id, """
                {"name":"Round trip 2","postback_secret":"%s","partner_key":"%s"}""".formatted(
                shown.get("postback_secret").asString(), shown.get("partner_key").asString()));
        ServiceHttp.Answer otherMask = http.put("/admin/offers/" + id, """
                {"postback_secret":"****abcd"}""");
        ServiceHttp.Answer maskOnCreation = http.post("/admin/offers", """
                {"name":"Copied","casino_url":"https://copied.example/","partner_key":"****abcd"}""");

        assertThat(sentBack.status()).isEqualTo(200);
        assertThat(storedDigest(id)).isEqualTo(digests.digest(created.get("postback_secret").asString()));
        assertThat(otherMask.status()).isEqualTo(400);
        assertThat(otherMask.fieldError("postback_secret").get("message").asString()).contains("masked");
        assertThat(maskOnCreation.status()).isEqualTo(400);
        assertThat(maskOnCreation.fieldError("partner_key").get("message").asString()).contains("masked");
    }

    @Test
    void aSecretChangedThroughPutReplacesTheDigest() {
        long id = http.post("/admin/offers", """
                {"name":"Changed","casino_url":"https://changed.example/"}""").json().get("id").asLong();
        String chosen = "chosen-" + UUID.randomUUID();

        JsonNode changed = http.put("/admin/offers/" + id, """
                {"postback_secret":"%s"}""".formatted(chosen)).json();

        assertThat(changed.get("postback_secret").asString()).doesNotContain(chosen);
        assertThat(storedDigest(id)).isEqualTo(digests.digest(chosen));
    }

    @Test
    void aPostbackSecretAlreadyUsedByAnotherOfferIs409() {
        String secret = "shared-" + UUID.randomUUID();
        http.post("/admin/offers", """
                {"name":"One","casino_url":"https://one.example/","postback_secret":"%s"}""".formatted(secret));

        ServiceHttp.Answer again = http.post("/admin/offers", """
                {"name":"Two","casino_url":"https://two.example/","postback_secret":"%s"}""".formatted(secret));

        assertThat(again.status()).isEqualTo(409);
        assertThat(again.fieldError("postback_secret").get("message").asString()).contains("already used");
        assertThat(again.body()).doesNotContain(secret);
    }

    @Test
    void neitherTheTableNorTheTopicHoldsASecretInClear() {
        String secret = "clear-secret-" + UUID.randomUUID();
        String key = "clear-key-" + UUID.randomUUID();
        long id = http.post("/admin/offers", """
                {"name":"Clear","casino_url":"https://clear.example/","postback_secret":"%s","partner_key":"%s"}"""
            .formatted(secret, key)).json().get("id").asLong();
        http.post("/admin/offers/" + id + "/postback-secret", "");

        String row = jdbc.sql("select o::text from offers o where id = :id").param("id", id).query(String.class)
            .single();
        List<String> records = rawRecordsOf(Long.toString(id), 2);

        assertThat(row).doesNotContain(secret).doesNotContain(key).contains(digests.digest(key));
        assertThat(records).hasSize(2).allSatisfy(bytes -> assertThat(bytes).doesNotContain(secret)
            .doesNotContain(key));
    }

    private JsonNode listed(long id) {
        return http.get("/admin/offers").json().valueStream().filter(offer -> offer.get("id").asLong() == id)
            .findFirst().orElseThrow();
    }

    private String storedDigest(long id) {
        return jdbc.sql("select postback_secret_digest from offers where id = :id").param("id", id)
            .query(String.class).single();
    }

    /** The records of the offers topic for this key, as the bytes on the wire. */
    private static List<String> rawRecordsOf(String key, int expected) {
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(Map.of(
                "bootstrap.servers", TestInfrastructure.kafka().bootstrapServers(),
                "group.id", "click-raw-" + UUID.randomUUID(), "auto.offset.reset", "earliest"),
                new StringDeserializer(), new ByteArrayDeserializer())) {
            consumer.subscribe(List.of(Topics.OFFERS.name()));
            List<String> found = new ArrayList<>();
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (found.size() < expected && System.nanoTime() < deadline) {
                consumer.poll(Duration.ofMillis(200)).forEach(record -> {
                    if (key.equals(record.key())) {
                        found.add(new String(record.value(), StandardCharsets.ISO_8859_1));
                    }
                });
            }
            return found;
        }
    }
}
