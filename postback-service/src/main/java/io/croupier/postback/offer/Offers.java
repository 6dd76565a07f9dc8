package io.croupier.postback.offer;

import java.sql.Timestamp;
import java.util.Optional;

import io.croupier.events.Offer;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The offers replicated from the offers topic. A secret, slug or key briefly shared by two offers while both are
 * being edited resolves to the most recently updated one.
 */
@Repository
public class Offers {

    private static final String COLUMNS = "offer_id, name, house_slug, partner_key, deal_currency, active";

    private final JdbcClient jdbc;

    Offers(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public Optional<KnownOffer> bySecret(String postbackSecret) {
        return findBy("postback_secret", postbackSecret);
    }

    public Optional<KnownOffer> byHouseSlug(String houseSlug) {
        return findBy("house_slug", houseSlug);
    }

    public Optional<KnownOffer> byPartnerKey(String partnerKey) {
        return findBy("partner_key", partnerKey);
    }

    private Optional<KnownOffer> findBy(String column, String value) {
        return jdbc.sql("select " + COLUMNS + " from offers where " + column
                + " = :value order by updated_at desc limit 1")
            .param("value", value)
            .query((rs, n) -> new KnownOffer(rs.getString("offer_id"), rs.getString("name"),
                    rs.getString("house_slug"), rs.getString("partner_key"), rs.getString("deal_currency"),
                    rs.getBoolean("active")))
            .optional();
    }

    void save(Offer offer) {
        jdbc.sql("""
                insert into offers (offer_id, name, postback_secret, house_slug, partner_key, deal_currency, active,
                                    updated_at)
                values (:id, :name, :secret, :slug, :key, :currency, :active, :updatedAt)
                on conflict (offer_id) do update set name = excluded.name, postback_secret = excluded.postback_secret,
                    house_slug = excluded.house_slug, partner_key = excluded.partner_key,
                    deal_currency = excluded.deal_currency, active = excluded.active, updated_at = excluded.updated_at""")
            .param("id", offer.getOfferId())
            .param("name", offer.getName())
            .param("secret", offer.getPostbackSecret())
            .param("slug", offer.getHouseSlug())
            .param("key", offer.getPartnerKey())
            .param("currency", offer.getDeal().getCurrency())
            .param("active", offer.getActive())
            .param("updatedAt", Timestamp.from(offer.getUpdatedAt()))
            .update();
    }

    void delete(String offerId) {
        jdbc.sql("delete from offers where offer_id = :id").param("id", offerId).update();
    }
}
