package io.croupier.commission.publisher;

import java.math.BigDecimal;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.croupier.commission.money.Amount;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/** Every version of every publisher's terms, so a replay pays what was agreed when each conversion occurred. */
@Repository
public class PublisherReplica {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private static final TypeReference<Map<String, StoredTerms>> OFFER_TERMS = new TypeReference<>() {
    };

    private final JdbcClient jdbc;

    PublisherReplica(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    void store(PublisherVersion publisher) {
        Map<String, StoredTerms> offerTerms = new LinkedHashMap<>();
        publisher.offerTerms().forEach((offerId, terms) -> offerTerms.put(offerId, StoredTerms.of(terms)));
        StoredTerms terms = StoredTerms.of(publisher.terms());
        jdbc.sql("""
                insert into publisher_versions (publisher_id, updated_at, username, offerwall, rev_share_percent,
                    fixed_amount, fixed_currency, offer_terms)
                values (:id, :updatedAt, :username, :offerwall, :revShare, :fixed, :fixedCurrency,
                    cast(:offerTerms as jsonb))
                on conflict (publisher_id, updated_at) do nothing""")
            .param("id", publisher.publisherId())
            .param("updatedAt", Timestamp.from(publisher.updatedAt()))
            .param("username", publisher.username())
            .param("offerwall", publisher.offerwall())
            .param("revShare", terms.revSharePercent())
            .param("fixed", terms.fixedAmount())
            .param("fixedCurrency", terms.fixedCurrency())
            .param("offerTerms", JSON.writeValueAsString(offerTerms))
            .update();
    }

    /**
     * The terms in force at {@code occurredAt} ({@link PublisherVersions}).
     *
     * @throws PublisherNotKnownException when no version has been read (yet)
     */
    public PublisherVersion inForce(String publisherId, Instant occurredAt) {
        return versionsOf(List.of(publisherId)).inForce(publisherId, occurredAt);
    }

    /** Every version of the given publishers' terms, in one query. */
    public PublisherVersions versionsOf(Collection<String> publisherIds) {
        return new PublisherVersions(jdbc.sql("select * from publisher_versions where publisher_id = any(?)")
            .param(publisherIds.toArray(String[]::new))
            .query(PublisherReplica::publisher)
            .list());
    }

    private static PublisherVersion publisher(ResultSet rs, int row) throws SQLException {
        Map<String, PayoutTerms> offerTerms = new LinkedHashMap<>();
        JSON.readValue(rs.getString("offer_terms"), OFFER_TERMS)
            .forEach((offerId, terms) -> offerTerms.put(offerId, terms.toTerms()));
        StoredTerms terms = new StoredTerms(rs.getBigDecimal("rev_share_percent"), rs.getBigDecimal("fixed_amount"),
                rs.getString("fixed_currency"));
        return new PublisherVersion(rs.getString("publisher_id"), rs.getTimestamp("updated_at").toInstant(),
                rs.getString("username"), rs.getBoolean("offerwall"), terms.toTerms(), offerTerms);
    }

    /** The stored shape of one set of terms. */
    record StoredTerms(BigDecimal revSharePercent, BigDecimal fixedAmount, String fixedCurrency) {

        static StoredTerms of(PayoutTerms terms) {
            Amount fixed = terms.fixedAmount();
            return new StoredTerms(terms.revSharePercent(), fixed == null ? null : fixed.value(),
                    fixed == null ? null : fixed.currency());
        }

        PayoutTerms toTerms() {
            return new PayoutTerms(revSharePercent,
                    fixedAmount == null ? null : new Amount(fixedAmount, fixedCurrency));
        }
    }
}
