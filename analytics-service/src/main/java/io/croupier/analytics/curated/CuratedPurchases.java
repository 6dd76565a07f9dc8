package io.croupier.analytics.curated;

import java.nio.charset.StandardCharsets;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.Base64;
import java.util.List;
import java.util.function.Consumer;

import javax.sql.DataSource;

import io.croupier.analytics.money.MoneyFormat;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowCallbackHandler;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.support.TransactionTemplate;

/** The stored {@code purchases_curated} of a day, in time order: a page at a time, or streamed whole. */
@Repository
class CuratedPurchases {

    private static final String COLUMNS = """
            occurred_at, source, transaction_id, player_id, amount, currency, campaign, media_source, purchase_key""";

    private static final int STREAM_FETCH_SIZE = 2000;

    private final JdbcClient jdbc;

    private final JdbcTemplate streaming;

    private final TransactionTemplate transactions;

    CuratedPurchases(JdbcClient jdbc, DataSource dataSource, TransactionTemplate transactions) {
        this.jdbc = jdbc;
        this.streaming = new JdbcTemplate(dataSource);
        this.streaming.setFetchSize(STREAM_FETCH_SIZE);
        this.transactions = transactions;
    }

    List<CuratedPurchase> page(LocalDate day, Cursor after, int limit) {
        String from = after == null ? "" : "and (occurred_at, source, purchase_key) > (:time, :source, :key)";
        JdbcClient.StatementSpec query = jdbc.sql("""
                select %s from curated_purchases where day = :day %s
                order by occurred_at, source, purchase_key limit :limit""".formatted(COLUMNS, from))
            .param("day", java.sql.Date.valueOf(day))
            .param("limit", limit);
        if (after != null) {
            query = query.param("time", Timestamp.from(after.time()))
                .param("source", after.source())
                .param("key", after.key());
        }
        return query.query(CuratedPurchases::purchase).list();
    }

    /** Every purchase of the day, read with a cursor (inside a read-only transaction) so none is held in memory. */
    void each(LocalDate day, Consumer<CuratedPurchase> action) {
        transactions.executeWithoutResult(status -> streaming.query("""
                select %s from curated_purchases where day = ? order by occurred_at, source, purchase_key"""
            .formatted(COLUMNS), (RowCallbackHandler) rs -> action.accept(purchase(rs, 0)),
                java.sql.Date.valueOf(day)));
    }

    private static CuratedPurchase purchase(ResultSet rs, int row) throws SQLException {
        String currency = rs.getString("currency");
        return new CuratedPurchase(rs.getObject("occurred_at", OffsetDateTime.class).toInstant(),
                rs.getString("source"), rs.getString("transaction_id"), rs.getString("player_id"),
                MoneyFormat.amount(rs.getBigDecimal("amount"), currency), currency, rs.getString("campaign"),
                rs.getString("media_source"), rs.getString("purchase_key"));
    }

    /** Where a page stopped, as an opaque URL-safe token. */
    record Cursor(Instant time, String source, String key) {

        static Cursor after(CuratedPurchase purchase) {
            return new Cursor(purchase.eventTime(), purchase.source(), purchase.purchaseKey());
        }

        String token() {
            String plain = time + "\n" + source + "\n" + key;
            return Base64.getUrlEncoder().withoutPadding().encodeToString(plain.getBytes(StandardCharsets.UTF_8));
        }

        static Cursor parse(String token) {
            try {
                String[] parts = new String(Base64.getUrlDecoder().decode(token), StandardCharsets.UTF_8)
                    .split("\n", 3);
                return new Cursor(Instant.parse(parts[0]), parts[1], parts[2]);
            }
            catch (RuntimeException e) {
                throw new IllegalArgumentException("after: not a cursor this API handed out", e);
            }
        }
    }
}
