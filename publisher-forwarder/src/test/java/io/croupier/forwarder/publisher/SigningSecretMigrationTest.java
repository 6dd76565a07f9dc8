package io.croupier.forwarder.publisher;

import java.nio.charset.StandardCharsets;

import io.croupier.embedded.InProcessPostgres;
import io.croupier.embedded.TestInfrastructure;
import io.croupier.secrets.atrest.Keysets;
import io.croupier.secrets.atrest.SecretCipher;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

import static org.assertj.core.api.Assertions.assertThat;

/** Publishers created while signing secrets were stored in clear: encrypted in place on upgrade. */
class SigningSecretMigrationTest {

    private static final String SCHEMA = "forwarder_secret_migration";

    private static final String SECRET = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";

    @Test
    void clearSecretsAreEncryptedForTheirRow() {
        SecretCipher cipher = SecretCipher.of(Keysets.create());
        InProcessPostgres postgres = TestInfrastructure.postgres();
        DriverManagerDataSource dataSource = new DriverManagerDataSource(postgres.jdbcUrl(), postgres.username(),
                postgres.password());
        JdbcClient jdbc = JdbcClient.create(dataSource);
        jdbc.sql("drop schema if exists " + SCHEMA + " cascade").update();
        flyway(dataSource, cipher, "1").migrate();
        long id = jdbc.sql("""
                insert into %s.publishers (name, username, postback_url, method, signing_secret,
                    rate_limit_per_second, offerwall, active)
                values ('João', 'joao123', 'https://pub.example/pb', 'GET', '%s', 50, false, true)
                returning id""".formatted(SCHEMA, SECRET)).query(Long.class).single();

        flyway(dataSource, cipher, "latest").migrate();

        byte[] stored = jdbc.sql("select signing_secret from %s.publishers where id = :id".formatted(SCHEMA))
            .param("id", id).query(byte[].class).single();
        assertThat(new String(stored, StandardCharsets.ISO_8859_1)).doesNotContain("MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw");
        assertThat(cipher.decrypt(stored, PublisherRepository.SIGNING_SECRET.associatedData(id))).isEqualTo(SECRET);
    }

    private static Flyway flyway(DriverManagerDataSource dataSource, SecretCipher cipher, String target) {
        return Flyway.configure()
            .dataSource(dataSource)
            .schemas(SCHEMA)
            .defaultSchema(SCHEMA)
            .locations("classpath:db/publisher-forwarder", "classpath:db/event-runtime")
            .javaMigrations(new V2__Encrypt_signing_secrets(cipher))
            .target(target)
            .load();
    }
}
