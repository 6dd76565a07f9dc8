package io.croupier.postback.offer;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import io.croupier.events.Offer;
import io.croupier.secrets.digest.SecretDigest;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The offers replicated from the offers topic. Postback secrets and partner keys are known only by their look-up
 * digests: a presented secret is digested and compared, never stored. A secret, slug or key briefly shared by two
 * offers while both are being edited resolves to the most recently updated one.
 */
@Repository
public class OfferReplica {

    private static final String COLUMNS = "offer_id, name, house_slug, deal_currency, active";

    private final JdbcClient jdbc;

    private final SecretDigest digests;

    OfferReplica(JdbcClient jdbc, SecretDigest digests) {
        this.jdbc = jdbc;
        this.digests = digests;
    }

    public Optional<KnownOffer> byId(String offerId) {
        return findBy("offer_id = :value", offerId);
    }

    /** The offer whose postback secret this is, or whose rotation still accepts it as the previous one. */
    public Optional<KnownOffer> bySecret(String postbackSecret) {
        return findByCurrentOrPrevious("postback_secret", digests.candidates(postbackSecret));
    }

    public Optional<KnownOffer> byHouseSlug(String houseSlug) {
        return findBy("house_slug = :value", houseSlug);
    }

    /** The offer whose partner key this is, or whose rotation still accepts it as the previous one. */
    public Optional<KnownOffer> byPartnerKey(String partnerKey) {
        return findByCurrentOrPrevious("partner_key", digests.candidates(partnerKey));
    }

    /** A current secret wins over another offer's previous one: the previous is only a grace for the casino. */
    private Optional<KnownOffer> findByCurrentOrPrevious(String secret, Object digestCandidates) {
        return findBy(secret + "_digest in (:value) or (previous_" + secret + "_digest in (:value) and previous_"
                + secret + "_until > now())", secret + "_digest in (:value) desc, ", digestCandidates);
    }

    private Optional<KnownOffer> findBy(String condition, Object value) {
        return findBy(condition, "", value);
    }

    private Optional<KnownOffer> findBy(String condition, String firstOrder, Object value) {
        return jdbc.sql("select " + COLUMNS + " from offers where " + condition
                + " order by " + firstOrder + "updated_at desc limit 1")
            .param("value", value)
            .query((rs, n) -> new KnownOffer(rs.getString("offer_id"), rs.getString("name"),
                    rs.getString("house_slug"), rs.getString("deal_currency"), rs.getBoolean("active")))
            .optional();
    }

    /**
     * Stores the offer's digests; a record of a producer older than the digests still carries the clear values,
     * which are digested here and go no further.
     */
    void save(Offer offer) {
        jdbc.sql("""
                insert into offers (offer_id, name, postback_secret_digest, house_slug, partner_key_digest,
                                    previous_postback_secret_digest, previous_postback_secret_until,
                                    previous_partner_key_digest, previous_partner_key_until,
                                    deal_currency, active, updated_at)
                values (:id, :name, :secret, :slug, :key, :previousSecret, :previousSecretUntil, :previousKey,
                        :previousKeyUntil, :currency, :active, :updatedAt)
                on conflict (offer_id) do update set name = excluded.name,
                    postback_secret_digest = excluded.postback_secret_digest, house_slug = excluded.house_slug,
                    partner_key_digest = excluded.partner_key_digest,
                    previous_postback_secret_digest = excluded.previous_postback_secret_digest,
                    previous_postback_secret_until = excluded.previous_postback_secret_until,
                    previous_partner_key_digest = excluded.previous_partner_key_digest,
                    previous_partner_key_until = excluded.previous_partner_key_until,
                    deal_currency = excluded.deal_currency,
                    active = excluded.active, updated_at = excluded.updated_at""")
            .param("id", offer.getOfferId())
            .param("name", offer.getName())
            .param("secret", digest(offer.getPostbackSecretDigest(), offer.getPostbackSecret()))
            .param("slug", offer.getHouseSlug())
            .param("key", digest(offer.getPartnerKeyDigest(), offer.getPartnerKey()))
            .param("previousSecret", offer.getPreviousPostbackSecretDigest())
            .param("previousSecretUntil", timestamp(offer.getPreviousPostbackSecretAcceptedUntil()))
            .param("previousKey", offer.getPreviousPartnerKeyDigest())
            .param("previousKeyUntil", timestamp(offer.getPreviousPartnerKeyAcceptedUntil()))
            .param("currency", offer.getDeal().getCurrency())
            .param("active", offer.getActive())
            .param("updatedAt", Timestamp.from(offer.getUpdatedAt()))
            .update();
    }

    /** Whether the digests of a record were made with a key this service holds; if not, its calls cannot match. */
    boolean digestsMatchKeys(Offer offer) {
        return List.of(offer.getPostbackSecretDigest() == null ? "" : offer.getPostbackSecretDigest(),
                offer.getPartnerKeyDigest() == null ? "" : offer.getPartnerKeyDigest())
            .stream()
            .filter(digest -> !digest.isEmpty())
            .allMatch(digests::madeWithKnownKey);
    }

    private static Timestamp timestamp(Instant instant) {
        return instant == null ? null : Timestamp.from(instant);
    }

    private String digest(String published, String clear) {
        if (published != null) {
            return published;
        }
        return clear == null ? null : digests.digest(clear);
    }

    void delete(String offerId) {
        jdbc.sql("delete from offers where offer_id = :id").param("id", offerId).update();
    }
}
