package io.croupier.postback.offer;

import java.util.List;

import io.croupier.secrets.digest.SecretDigest;
import org.flywaydb.core.api.migration.BaseJavaMigration;
import org.flywaydb.core.api.migration.Context;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.SingleConnectionDataSource;
import org.springframework.stereotype.Component;

/**
 * Replaces the replicated postback secrets and partner keys, which were stored in clear, by their look-up digests (a
 * Java migration because the digest key is configuration). Republished records from click-service later carry the
 * same digests.
 */
@Component
class V3__Offer_secret_digests extends BaseJavaMigration {

    private final SecretDigest digests;

    V3__Offer_secret_digests(SecretDigest digests) {
        this.digests = digests;
    }

    @Override
    public void migrate(Context context) {
        JdbcClient jdbc = JdbcClient.create(new SingleConnectionDataSource(context.getConnection(), true));
        jdbc.sql("alter table offers add column postback_secret_digest text, add column partner_key_digest text")
            .update();
        record Clear(String id, String postbackSecret, String partnerKey) {
        }
        List<Clear> offers = jdbc.sql("select offer_id, postback_secret, partner_key from offers")
            .query((rs, n) -> new Clear(rs.getString("offer_id"), rs.getString("postback_secret"),
                    rs.getString("partner_key")))
            .list();
        for (Clear offer : offers) {
            jdbc.sql("""
                    update offers set postback_secret_digest = :secret, partner_key_digest = :key
                    where offer_id = :id""")
                .param("secret", digests.digest(offer.postbackSecret()))
                .param("key", offer.partnerKey() == null ? null : digests.digest(offer.partnerKey()))
                .param("id", offer.id())
                .update();
        }
        jdbc.sql("alter table offers drop column postback_secret, drop column partner_key").update();
        jdbc.sql("create index offers_postback_secret_digest on offers (postback_secret_digest)").update();
        jdbc.sql("create index offers_partner_key_digest on offers (partner_key_digest)").update();
    }
}
