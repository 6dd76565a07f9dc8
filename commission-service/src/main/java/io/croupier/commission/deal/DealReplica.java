package io.croupier.commission.deal;

import java.math.BigDecimal;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Collection;
import java.util.List;

import io.croupier.commission.money.Amount;
import io.croupier.events.GuessedLinkPolicy;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Every deal version seen for each offer, and which one was in force at a given time. */
@Repository
public class DealReplica {

    private final JdbcClient jdbc;

    DealReplica(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Stores a version once; a version number is immutable, so a repeat changes nothing. */
    void store(Deal deal) {
        jdbc.sql("""
                insert into deal_versions (offer_id, version, effective_from, cpa_amount, min_deposit,
                    rev_share_percent, currency, negative_carry_over, guessed_links, clawback_window_days,
                    cpa_requires_confirmation)
                values (:offerId, :version, :effectiveFrom, :cpa, :minDeposit, :revShare, :currency, :carryOver,
                    :guessedLinks, :clawbackWindowDays, :cpaRequiresConfirmation)
                on conflict (offer_id, version) do nothing""")
            .param("offerId", deal.offerId())
            .param("version", deal.version())
            .param("effectiveFrom", Timestamp.from(deal.effectiveFrom()))
            .param("cpa", deal.cpaAmount() == null ? null : deal.cpaAmount().value())
            .param("minDeposit", deal.minDeposit() == null ? null : deal.minDeposit().value())
            .param("revShare", deal.revSharePercent())
            .param("currency", deal.currency())
            .param("carryOver", deal.negativeCarryOver())
            .param("guessedLinks", deal.guessedLinks().name())
            .param("clawbackWindowDays", deal.clawbackWindowDays())
            .param("cpaRequiresConfirmation", deal.cpaRequiresConfirmation())
            .update();
    }

    /**
     * The version in force at {@code occurredAt} ({@link DealVersions}).
     *
     * @throws DealNotKnownException when no such version has been read (yet)
     */
    public Deal inForce(String offerId, Instant occurredAt) {
        return versionsOf(List.of(offerId)).inForce(offerId, occurredAt);
    }

    /** Every version of the given offers, in one query. */
    public DealVersions versionsOf(Collection<String> offerIds) {
        return new DealVersions(jdbc.sql("select * from deal_versions where offer_id = any(?)")
            .param(offerIds.toArray(String[]::new))
            .query(DealReplica::deal)
            .list());
    }

    static Deal deal(ResultSet rs, int row) throws SQLException {
        String currency = rs.getString("currency");
        return new Deal(rs.getString("offer_id"), rs.getInt("version"), rs.getTimestamp("effective_from").toInstant(),
                amount(rs.getBigDecimal("cpa_amount"), currency), amount(rs.getBigDecimal("min_deposit"), currency),
                rs.getBigDecimal("rev_share_percent"), currency, rs.getBoolean("negative_carry_over"),
                GuessedLinkPolicy.valueOf(rs.getString("guessed_links")),
                rs.getObject("clawback_window_days", Integer.class), rs.getBoolean("cpa_requires_confirmation"));
    }

    private static Amount amount(BigDecimal value, String currency) {
        return value == null ? null : new Amount(value, currency);
    }
}
