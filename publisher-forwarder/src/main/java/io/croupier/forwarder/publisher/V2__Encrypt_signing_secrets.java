package io.croupier.forwarder.publisher;

import java.util.List;

import io.croupier.secrets.atrest.SecretCipher;
import org.flywaydb.core.api.migration.BaseJavaMigration;
import org.flywaydb.core.api.migration.Context;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.SingleConnectionDataSource;
import org.springframework.stereotype.Component;

/**
 * Encrypts the signing secrets stored in clear before encryption at rest (a Java migration because the key is
 * configuration). The column keeps its name and becomes {@code bytea}.
 */
@Component
class V2__Encrypt_signing_secrets extends BaseJavaMigration {

    private final SecretCipher cipher;

    V2__Encrypt_signing_secrets(SecretCipher cipher) {
        this.cipher = cipher;
    }

    @Override
    public void migrate(Context context) {
        JdbcClient jdbc = JdbcClient.create(new SingleConnectionDataSource(context.getConnection(), true));
        jdbc.sql("alter table publishers add column signing_secret_ciphertext bytea").update();
        record Clear(long id, String secret) {
        }
        List<Clear> publishers = jdbc.sql("select id, signing_secret from publishers")
            .query((rs, n) -> new Clear(rs.getLong("id"), rs.getString("signing_secret")))
            .list();
        for (Clear publisher : publishers) {
            jdbc.sql("update publishers set signing_secret_ciphertext = :ciphertext where id = :id")
                .param("ciphertext", cipher.encrypt(publisher.secret(),
                        PublisherRepository.SIGNING_SECRET.associatedData(publisher.id())))
                .param("id", publisher.id())
                .update();
        }
        jdbc.sql("alter table publishers drop column signing_secret").update();
        jdbc.sql("alter table publishers rename column signing_secret_ciphertext to signing_secret").update();
        jdbc.sql("alter table publishers alter column signing_secret set not null").update();
        jdbc.sql("""
                comment on column publishers.signing_secret is
                    'Tink AEAD ciphertext of the whsec_ secret, associated data publisher-signing-secret:<id>'""")
            .update();
    }
}
