package io.croupier.postback.offer;

import java.nio.ByteBuffer;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import io.croupier.embedded.InProcessPostgres;
import io.croupier.embedded.TestInfrastructure;
import io.croupier.events.Deal;
import io.croupier.events.Offer;
import io.croupier.postback.PostbackServiceTest;
import io.croupier.schemas.ReleasedSchemas;
import io.croupier.schemas.Topics;
import io.croupier.secrets.digest.SecretDigest;
import io.croupier.secrets.digest.SecretDigestSettings;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.message.BinaryMessageEncoder;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The offers replica keeps look-up digests only, whatever version of click-service published the offer, and accepts a
 * rotated secret for as long as the rotation said.
 */
class OfferReplicaSecretsTest extends PostbackServiceTest {

    @Test
    void anOfferPublishedInClearByAnOlderProducerIsDigestedOnArrivalAndAuthenticates() throws Exception {
        String offerId = unique("7");
        String secret = unique("v1-secret");
        String key = unique("v1-key");
        sendAsReleasedVersion1(offerId, secret, key);
        await().atMost(Duration.ofSeconds(20)).until(() -> jdbc.sql("select count(*) from offers where offer_id = :id")
            .param("id", offerId).query(Long.class).single() == 1);

        Answer router = postJson("/postback", """
                {"click_id": "%s", "event": "ftd", "payout": 1, "secret": "%s"}""".formatted(unique("c"), secret));
        Answer partner = get("/postback/" + key + "?click_id=" + unique("CLK"));

        assertThat(router.status()).as(router.text()).isEqualTo(200);
        assertThat(partner.status()).as(partner.text()).isEqualTo(200);
        String row = jdbc.sql("select o::text from offers o where offer_id = :id").param("id", offerId)
            .query(String.class).single();
        assertThat(row).doesNotContain(secret).doesNotContain(key).contains(digests.digest(secret));
    }

    @Test
    void aRotatedSecretOrKeyIsStillAcceptedUntilItsGraceEndsAndRefusedAfter() {
        String keptSecret = unique("kept-secret");
        String keptKey = unique("kept-key");
        String endedSecret = unique("ended-secret");
        String endedKey = unique("ended-key");
        Instant now = Instant.now();
        publishRotated(unique("8"), unique("new-secret"), keptSecret, unique("new-key"), keptKey,
                now.plus(Duration.ofHours(24)));
        publishRotated(unique("9"), unique("new-secret"), endedSecret, unique("new-key"), endedKey,
                now.minus(Duration.ofMinutes(1)));

        Answer keptRouter = postJson("/postback", """
                {"click_id": "%s", "event": "ftd", "payout": 1, "secret": "%s"}""".formatted(unique("c"), keptSecret));
        Answer keptPartner = get("/postback/" + keptKey + "?click_id=" + unique("CLK"));
        Answer endedRouter = postJson("/postback", """
                {"click_id": "%s", "event": "ftd", "payout": 1, "secret": "%s"}""".formatted(unique("c"), endedSecret));
        Answer endedPartner = get("/postback/" + endedKey + "?click_id=" + unique("CLK"));

        assertThat(keptRouter.status()).as(keptRouter.text()).isEqualTo(200);
        assertThat(keptPartner.status()).as(keptPartner.text()).isEqualTo(200);
        assertThat(endedRouter.status()).as(endedRouter.text()).isEqualTo(403);
        assertThat(endedPartner.status()).as(endedPartner.text()).isEqualTo(404);
    }

    @Test
    void aReplicaFromBeforeDigestsIsMigratedInPlace() {
        SecretDigest migrationDigests = SecretDigest.of(
                new SecretDigestSettings("bWlncmF0aW9uIHRlc3Qga2V5OiAzMiBieXRlcyBhdCBsZWFzdCE=", List.of()));
        InProcessPostgres postgres = TestInfrastructure.postgres();
        DriverManagerDataSource dataSource = new DriverManagerDataSource(postgres.jdbcUrl(), postgres.username(),
                postgres.password());
        JdbcClient admin = JdbcClient.create(dataSource);
        admin.sql("drop schema if exists postback_digest_migration cascade").update();
        flyway(dataSource, migrationDigests, "2").migrate();
        admin.sql("""
                insert into postback_digest_migration.offers (offer_id, name, postback_secret, house_slug, partner_key,
                    deal_currency, active, updated_at)
                values ('1', 'Casino Alpha', 'your_offer_secret_here', null, 'abc123xyz', 'USD', true, now())""")
            .update();

        flyway(dataSource, migrationDigests, "latest").migrate();

        Map<String, Object> migrated = admin.sql("select * from postback_digest_migration.offers").query()
            .singleRow();
        assertThat(migrated).doesNotContainKeys("postback_secret", "partner_key")
            .containsEntry("postback_secret_digest", migrationDigests.digest("your_offer_secret_here"))
            .containsEntry("partner_key_digest", migrationDigests.digest("abc123xyz"));
    }

    private static Flyway flyway(DriverManagerDataSource dataSource, SecretDigest digests, String target) {
        return Flyway.configure()
            .dataSource(dataSource)
            .schemas("postback_digest_migration")
            .defaultSchema("postback_digest_migration")
            .locations("classpath:db/postback-service", "classpath:db/event-runtime")
            .javaMigrations(new V3__Offer_secret_digests(digests))
            .target(target)
            .load();
    }

    /** An offer as click-service publishes it after a rotation that keeps the previous secret and key until then. */
    private void publishRotated(String offerId, String secret, String previousSecret, String key, String previousKey,
            Instant previousUntil) {
        Instant now = Instant.now();
        kafka.send(Topics.OFFERS.name(), offerId, Offer.newBuilder()
            .setOfferId(offerId)
            .setName("Rotated casino " + offerId)
            .setCasinoUrl("https://rotated.example/")
            .setWeight(1.0)
            .setActive(true)
            .setPostbackSecretDigest(digests.digest(secret))
            .setPartnerKeyDigest(digests.digest(key))
            .setPreviousPostbackSecretDigest(digests.digest(previousSecret))
            .setPreviousPostbackSecretAcceptedUntil(previousUntil)
            .setPreviousPartnerKeyDigest(digests.digest(previousKey))
            .setPreviousPartnerKeyAcceptedUntil(previousUntil)
            .setDeal(Deal.newBuilder().setVersion(1).setEffectiveFrom(now).setCurrency("USD").build())
            .setCreatedAt(now)
            .setUpdatedAt(now)
            .build()).join();
        await().atMost(Duration.ofSeconds(20)).until(() -> jdbc.sql("select count(*) from offers where offer_id = :id")
            .param("id", offerId).query(Long.class).single() == 1);
    }

    /** Exactly the bytes click-service wrote before digests: the released v1 schema, secrets in clear. */
    private static void sendAsReleasedVersion1(String offerId, String secret, String key) throws Exception {
        Schema v1 = ReleasedSchemas.versionsOf(Offer.class).get(0);
        long now = Instant.now().toEpochMilli();
        GenericRecord deal = new GenericData.Record(v1.getField("deal").schema());
        deal.put("version", 1);
        deal.put("effectiveFrom", now);
        deal.put("currency", "USD");
        deal.put("negativeCarryOver", false);
        GenericRecord offer = new GenericData.Record(v1);
        offer.put("offerId", offerId);
        offer.put("name", "Version 1 casino");
        offer.put("casinoUrl", "https://v1.example/");
        offer.put("weight", 1.0);
        offer.put("active", true);
        offer.put("partnerKey", key);
        offer.put("postbackSecret", secret);
        offer.put("deal", deal);
        offer.put("createdAt", now);
        offer.put("updatedAt", now);
        ByteBuffer encoded = new BinaryMessageEncoder<GenericRecord>(GenericData.get(), v1).encode(offer);
        byte[] bytes = new byte[encoded.remaining()];
        encoded.get(bytes);
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(Map.of("bootstrap.servers",
                TestInfrastructure.kafka().bootstrapServers()), new StringSerializer(), new ByteArraySerializer())) {
            producer.send(new ProducerRecord<>(Topics.OFFERS.name(), offerId, bytes)).get();
        }
    }
}
