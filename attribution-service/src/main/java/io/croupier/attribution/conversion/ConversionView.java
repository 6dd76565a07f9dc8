package io.croupier.attribution.conversion;

import java.math.BigDecimal;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;

/**
 * A conversion and its attribution as the JSON APIs show it.
 *
 * @param guessed the link to its click is a guess (a fallback match, or a player link that one made)
 */
record ConversionView(long seq, String eventId, String kind, String status, String state, String reason,
        String method, String warning, boolean guessed, String offerId, String clickId, String playerId, String subId,
        String attributedOfferId, String attributedClickId, String publisherId, BigDecimal amount, String currency,
        Instant occurredAt, Instant receivedAt, Instant attributedAt) {

    static final String COLUMNS = """
            seq, event_id, kind, status, state, reason, method, warning, guessed, offer_id, click_id, player_id, sub_id,
            attributed_offer_id, attributed_click_id, publisher_id, amount, currency, occurred_at, received_at,
            attributed_at""";

    static ConversionView map(ResultSet rs, int row) throws SQLException {
        return new ConversionView(rs.getLong("seq"), rs.getString("event_id"), rs.getString("kind"),
                rs.getString("status"), rs.getString("state"), rs.getString("reason"), rs.getString("method"),
                rs.getString("warning"), rs.getBoolean("guessed"), rs.getString("offer_id"), rs.getString("click_id"),
                rs.getString("player_id"), rs.getString("sub_id"), rs.getString("attributed_offer_id"),
                rs.getString("attributed_click_id"), rs.getString("publisher_id"), rs.getBigDecimal("amount"),
                rs.getString("currency"), instant(rs.getTimestamp("occurred_at")),
                instant(rs.getTimestamp("received_at")), instant(rs.getTimestamp("attributed_at")));
    }

    private static Instant instant(Timestamp timestamp) {
        return timestamp == null ? null : timestamp.toInstant();
    }
}
