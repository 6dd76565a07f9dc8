package io.croupier.click.offer;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import io.croupier.events.GuessedLinkPolicy;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.SqlParameterSource;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Plain SQL over the {@code offers} table. */
@Repository
class OfferRepository {

    private static final String COLUMNS = """
            id, name, casino_url, weight, postback_secret_digest, postback_secret_hint, active, house_slug,
            partner_key_digest, partner_key_hint, previous_postback_secret_digest, previous_postback_secret_until,
            previous_partner_key_digest, previous_partner_key_until, deal_version,
            deal_effective_from, cpa_amount, min_deposit, revshare_percent, currency, negative_carry_over,
            guessed_links, clawback_window_days, cpa_requires_confirmation, first_click_at is not null as clicked, created_at, updated_at""";

    private final JdbcClient jdbc;

    OfferRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    Offer insert(Offer offer) {
        return jdbc.sql("""
                insert into offers (name, casino_url, weight, postback_secret_digest, postback_secret_hint, active,
                    house_slug, partner_key_digest, partner_key_hint, previous_postback_secret_digest,
                    previous_postback_secret_until, previous_partner_key_digest, previous_partner_key_until,
                    deal_version, deal_effective_from, cpa_amount,
                    min_deposit, revshare_percent, currency, negative_carry_over, guessed_links, clawback_window_days,
                    cpa_requires_confirmation, created_at, updated_at)
                values (:name, :casinoUrl, :weight, :postbackSecretDigest, :postbackSecretHint, :active, :houseSlug,
                    :partnerKeyDigest, :partnerKeyHint, :previousPostbackSecretDigest, :previousPostbackSecretUntil,
                    :previousPartnerKeyDigest, :previousPartnerKeyUntil, :dealVersion, :effectiveFrom, :cpaAmount, :minDeposit,
                    :revsharePercent, :currency, :negativeCarryOver, :guessedLinks, :clawbackWindowDays, :cpaRequiresConfirmation,
                    :updatedAt, :updatedAt)
                returning\s""" + COLUMNS)
            .paramSource(parameters(offer))
            .query(OfferRepository::offer)
            .single();
    }

    Offer update(Offer offer) {
        return jdbc.sql("""
                update offers set name = :name, casino_url = :casinoUrl, weight = :weight,
                    postback_secret_digest = :postbackSecretDigest, postback_secret_hint = :postbackSecretHint,
                    active = :active, house_slug = :houseSlug, partner_key_digest = :partnerKeyDigest,
                    partner_key_hint = :partnerKeyHint,
                    previous_postback_secret_digest = :previousPostbackSecretDigest,
                    previous_postback_secret_until = :previousPostbackSecretUntil,
                    previous_partner_key_digest = :previousPartnerKeyDigest,
                    previous_partner_key_until = :previousPartnerKeyUntil, deal_version = :dealVersion,
                    deal_effective_from = :effectiveFrom,
                    cpa_amount = :cpaAmount, min_deposit = :minDeposit, revshare_percent = :revsharePercent,
                    currency = :currency, negative_carry_over = :negativeCarryOver, guessed_links = :guessedLinks,
                    clawback_window_days = :clawbackWindowDays,
                    cpa_requires_confirmation = :cpaRequiresConfirmation, updated_at = :updatedAt
                where id = :id
                returning\s""" + COLUMNS)
            .paramSource(parameters(offer))
            .query(OfferRepository::offer)
            .single();
    }

    /** Locks the row so that concurrent changes of one offer bump the deal version one after the other. */
    Optional<Offer> findForUpdate(long id) {
        return jdbc.sql("select " + COLUMNS + " from offers where id = :id for update")
            .param("id", id)
            .query(OfferRepository::offer)
            .optional();
    }

    Optional<Offer> findById(long id) {
        return jdbc.sql("select " + COLUMNS + " from offers where id = :id")
            .param("id", id)
            .query(OfferRepository::offer)
            .optional();
    }

    List<Offer> findAll(boolean activeOnly) {
        return jdbc.sql("select " + COLUMNS + " from offers where active or not :activeOnly order by id")
            .param("activeOnly", activeOnly)
            .query(OfferRepository::offer)
            .list();
    }

    List<Offer> page(boolean activeOnly, Long afterId, int count) {
        return jdbc.sql("select " + COLUMNS + """
                 from offers
                where (active or not :activeOnly) and (cast(:afterId as bigint) is null or id > :afterId)
                order by id
                limit :count""")
            .param("activeOnly", activeOnly)
            .param("afterId", afterId)
            .param("count", count)
            .query(OfferRepository::offer)
            .list();
    }

    void delete(long id) {
        jdbc.sql("delete from offers where id = :id").param("id", id).update();
    }

    void markClicked(long id) {
        jdbc.sql("update offers set first_click_at = now() where id = :id and first_click_at is null")
            .param("id", id)
            .update();
    }

    private static SqlParameterSource parameters(Offer offer) {
        Deal deal = offer.deal();
        return new MapSqlParameterSource()
            .addValue("id", offer.id())
            .addValue("name", offer.name())
            .addValue("casinoUrl", offer.casinoUrl())
            .addValue("weight", offer.weight())
            .addValue("postbackSecretDigest", offer.postbackSecret().digest())
            .addValue("postbackSecretHint", offer.postbackSecret().hint())
            .addValue("active", offer.active())
            .addValue("houseSlug", offer.houseSlug())
            .addValue("partnerKeyDigest", offer.partnerKey() == null ? null : offer.partnerKey().digest())
            .addValue("partnerKeyHint", offer.partnerKey() == null ? null : offer.partnerKey().hint())
            .addValue("previousPostbackSecretDigest", offer.postbackSecret().previousDigest())
            .addValue("previousPostbackSecretUntil", timestamp(offer.postbackSecret().previousUntil()))
            .addValue("previousPartnerKeyDigest",
                    offer.partnerKey() == null ? null : offer.partnerKey().previousDigest())
            .addValue("previousPartnerKeyUntil",
                    offer.partnerKey() == null ? null : timestamp(offer.partnerKey().previousUntil()))
            .addValue("dealVersion", deal.version())
            .addValue("effectiveFrom", Timestamp.from(deal.effectiveFrom()))
            .addValue("cpaAmount", deal.cpaAmount())
            .addValue("minDeposit", deal.minDeposit())
            .addValue("revsharePercent", deal.revsharePercent())
            .addValue("currency", deal.currency())
            .addValue("negativeCarryOver", deal.negativeCarryOver())
            .addValue("guessedLinks", deal.guessedLinks().name())
            .addValue("clawbackWindowDays", deal.clawbackWindowDays())
            .addValue("cpaRequiresConfirmation", deal.cpaRequiresConfirmation())
            .addValue("updatedAt", Timestamp.from(offer.updatedAt()));
    }

    private static Timestamp timestamp(Instant instant) {
        return instant == null ? null : Timestamp.from(instant);
    }

    private static KeptSecret kept(ResultSet rs, String column) throws SQLException {
        String digest = rs.getString(column + "_digest");
        if (digest == null) {
            return null;
        }
        String previousDigest = rs.getString("previous_" + column + "_digest");
        return new KeptSecret(digest, rs.getString(column + "_hint"), previousDigest == null ? null
                : new KeptSecret.PreviousSecret(previousDigest,
                        rs.getTimestamp("previous_" + column + "_until").toInstant()));
    }

    private static Offer offer(ResultSet rs, int row) throws SQLException {
        Deal deal = new Deal(rs.getInt("deal_version"), rs.getTimestamp("deal_effective_from").toInstant(),
                rs.getBigDecimal("cpa_amount"), rs.getBigDecimal("min_deposit"), rs.getBigDecimal("revshare_percent"),
                rs.getString("currency"), rs.getBoolean("negative_carry_over"),
                GuessedLinkPolicy.valueOf(rs.getString("guessed_links")), rs.getObject("clawback_window_days", Integer.class),
                rs.getBoolean("cpa_requires_confirmation"));
        return new Offer(rs.getLong("id"), rs.getString("name"), rs.getString("casino_url"), rs.getDouble("weight"),
                kept(rs, "postback_secret"),
                rs.getBoolean("active"), rs.getString("house_slug"),
                kept(rs, "partner_key"),
                deal, rs.getBoolean("clicked"), rs.getTimestamp("created_at").toInstant(),
                rs.getTimestamp("updated_at").toInstant());
    }
}
