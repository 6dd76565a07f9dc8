package io.croupier.click.offer;

import java.util.List;
import java.util.Map;

import io.croupier.embedded.InProcessPostgres;
import io.croupier.embedded.TestInfrastructure;
import io.croupier.events.Offer;
import io.croupier.schemas.Topics;
import io.croupier.schemas.serde.AvroSingleObjectDeserializer;
import io.croupier.secrets.digest.SecretDigest;
import io.croupier.secrets.digest.SecretDigestSettings;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

import static org.assertj.core.api.Assertions.assertThat;

/** A catalogue created before secrets were kept as digests: upgraded in place, and every offer republished. */
class OfferSecretsMigrationTest {

    private static final String SCHEMA = "click_secrets_migration";

    private final SecretDigest digests = SecretDigest.of(
            new SecretDigestSettings("bWlncmF0aW9uIHRlc3Qga2V5OiAzMiBieXRlcyBhdCBsZWFzdCE=", List.of()));

    @Test
    void clearSecretsBecomeDigestsAndEveryOfferIsRepublishedWithoutThem() {
        InProcessPostgres postgres = TestInfrastructure.postgres();
        DriverManagerDataSource dataSource = new DriverManagerDataSource(postgres.jdbcUrl(), postgres.username(),
                postgres.password());
        JdbcClient jdbc = JdbcClient.create(dataSource);
        jdbc.sql("drop schema if exists " + SCHEMA + " cascade").update();
        flyway(dataSource, "1").migrate();
        jdbc.sql("""
                insert into %s.offers (name, casino_url, postback_secret, partner_key, house_slug, deal_version,
                    deal_effective_from, cpa_amount, currency)
                values ('Casino Alpha', 'https://casino-alpha.example/', 'your_offer_secret_here', 'abc123xyz', null,
                        1, now(), 150.00, 'BRL'),
                       ('Generated', 'https://generated.example/', 'Yx3kQ0n7ZpL2vR8sW1dF4gH6jK9mN5bT', null,
                        'brazino', 1, now(), null, 'USD')""".formatted(SCHEMA)).update();

        flyway(dataSource, "latest").migrate();

        List<Map<String, Object>> offers = jdbc.sql("select * from %s.offers order by id".formatted(SCHEMA))
            .query().listOfRows();
        assertThat(offers.get(0)).doesNotContainKeys("postback_secret", "partner_key")
            .containsEntry("postback_secret_digest", digests.digest("your_offer_secret_here"))
            .containsEntry("postback_secret_hint", null)
            .containsEntry("partner_key_digest", digests.digest("abc123xyz"));
        assertThat(offers.get(1)).containsEntry("postback_secret_hint", "N5bT")
            .containsEntry("partner_key_digest", null);
        AvroSingleObjectDeserializer deserializer = new AvroSingleObjectDeserializer();
        List<Offer> republished = jdbc.sql("select topic, payload from %s.outbox_events order by id".formatted(SCHEMA))
            .query((rs, n) -> {
                assertThat(rs.getString("topic")).isEqualTo(Topics.OFFERS.name());
                return (Offer) deserializer.deserialize(Topics.OFFERS.name(), rs.getBytes("payload"));
            })
            .list();
        assertThat(republished).hasSize(2);
        assertThat(republished.get(0).getPostbackSecretDigest()).isEqualTo(digests.digest("your_offer_secret_here"));
        assertThat(republished.get(0).getPostbackSecret()).isNull();
        assertThat(republished.get(0).getDeal().getCpaAmount()).isEqualTo("150.00");
        assertThat(republished.get(1).getHouseSlug()).isEqualTo("brazino");
    }

    private Flyway flyway(DriverManagerDataSource dataSource, String target) {
        return Flyway.configure()
            .dataSource(dataSource)
            .schemas(SCHEMA)
            .defaultSchema(SCHEMA)
            .locations("classpath:db/click-service", "classpath:db/event-runtime")
            .javaMigrations(new V2__Offer_secrets_as_digests(digests))
            .target(target)
            .load();
    }
}
