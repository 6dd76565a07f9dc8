package io.croupier.click.offer;

import java.math.BigDecimal;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;

import io.croupier.events.Deal;
import io.croupier.events.Offer;
import io.croupier.schemas.Topics;
import io.croupier.schemas.serde.AvroSingleObjectSerializer;
import io.croupier.secrets.digest.SecretDigest;
import org.flywaydb.core.api.migration.BaseJavaMigration;
import org.flywaydb.core.api.migration.Context;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.SingleConnectionDataSource;
import org.springframework.stereotype.Component;

/**
 * Replaces the postback secrets and partner keys stored in clear by their look-up digests (a Java migration because
 * the digest key is configuration), and republishes every offer so that the records of the compacted offers topic
 * that still carried them in clear are superseded and compacted away. Like any migration it describes the table as it
 * was at version 2, so it reads and maps the columns itself instead of through today's repository.
 */
@Component
class V2__Offer_secrets_as_digests extends BaseJavaMigration {

    private final SecretDigest digests;

    V2__Offer_secrets_as_digests(SecretDigest digests) {
        this.digests = digests;
    }

    @Override
    public void migrate(Context context) {
        JdbcClient jdbc = JdbcClient.create(new SingleConnectionDataSource(context.getConnection(), true));
        jdbc.sql("""
                alter table offers add column postback_secret_digest text, add column postback_secret_hint text,
                    add column partner_key_digest text, add column partner_key_hint text""").update();
        record Clear(long id, String postbackSecret, String partnerKey) {
        }
        List<Clear> offers = jdbc.sql("select id, postback_secret, partner_key from offers")
            .query((rs, n) -> new Clear(rs.getLong("id"), rs.getString("postback_secret"),
                    rs.getString("partner_key")))
            .list();
        for (Clear offer : offers) {
            KeptSecret secret = KeptSecret.of(offer.postbackSecret(), digests);
            KeptSecret key = offer.partnerKey() == null ? null : KeptSecret.of(offer.partnerKey(), digests);
            jdbc.sql("""
                    update offers set postback_secret_digest = :secretDigest, postback_secret_hint = :secretHint,
                        partner_key_digest = :keyDigest, partner_key_hint = :keyHint
                    where id = :id""")
                .param("secretDigest", secret.digest())
                .param("secretHint", secret.hint())
                .param("keyDigest", key == null ? null : key.digest())
                .param("keyHint", key == null ? null : key.hint())
                .param("id", offer.id())
                .update();
        }
        jdbc.sql("""
                alter table offers drop column postback_secret, drop column partner_key,
                    alter column postback_secret_digest set not null,
                    add constraint offers_postback_secret_digest_key unique (postback_secret_digest),
                    add constraint offers_partner_key_digest_key unique (partner_key_digest)""").update();
        republish(jdbc);
    }

    private static void republish(JdbcClient jdbc) {
        AvroSingleObjectSerializer serializer = new AvroSingleObjectSerializer();
        List<Offer> offers = jdbc.sql("""
                select id, name, casino_url, weight, active, house_slug, postback_secret_digest, partner_key_digest,
                    deal_version, deal_effective_from, cpa_amount, min_deposit, revshare_percent, currency,
                    negative_carry_over, created_at, updated_at
                from offers order by id""")
            .query(V2__Offer_secrets_as_digests::offer)
            .list();
        for (Offer offer : offers) {
            jdbc.sql("insert into outbox_events (topic, record_key, payload) values (:topic, :key, :payload)")
                .param("topic", Topics.OFFERS.name())
                .param("key", offer.getOfferId())
                .param("payload", serializer.serialize(Topics.OFFERS.name(), offer))
                .update();
        }
    }

    private static Offer offer(ResultSet rs, int row) throws SQLException {
        return Offer.newBuilder()
            .setOfferId(Long.toString(rs.getLong("id")))
            .setName(rs.getString("name"))
            .setCasinoUrl(rs.getString("casino_url"))
            .setWeight(rs.getDouble("weight"))
            .setActive(rs.getBoolean("active"))
            .setHouseSlug(rs.getString("house_slug"))
            .setPostbackSecretDigest(rs.getString("postback_secret_digest"))
            .setPartnerKeyDigest(rs.getString("partner_key_digest"))
            .setDeal(Deal.newBuilder()
                .setVersion(rs.getInt("deal_version"))
                .setEffectiveFrom(rs.getTimestamp("deal_effective_from").toInstant())
                .setCpaAmount(plain(rs.getBigDecimal("cpa_amount")))
                .setMinDeposit(plain(rs.getBigDecimal("min_deposit")))
                .setRevSharePercent(plain(rs.getBigDecimal("revshare_percent")))
                .setCurrency(rs.getString("currency"))
                .setNegativeCarryOver(rs.getBoolean("negative_carry_over"))
                .build())
            .setCreatedAt(rs.getTimestamp("created_at").toInstant())
            .setUpdatedAt(rs.getTimestamp("updated_at").toInstant())
            .build();
    }

    private static String plain(BigDecimal amount) {
        return amount == null ? null : amount.toPlainString();
    }
}
