package io.croupier.analytics.curated;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.time.OffsetDateTime;
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
            seq, occurred_at, source, transaction_id, player_id, amount, currency, campaign, media_source,
            purchase_key""";

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

    /** Up to {@code limit} purchases of the day after position {@code after} (0 for the first). */
    List<Positioned> page(LocalDate day, long after, int limit) {
        return jdbc.sql("""
                select %s from curated_purchases where day = :day and seq > :after order by seq limit :limit"""
            .formatted(COLUMNS))
            .param("day", java.sql.Date.valueOf(day))
            .param("after", after)
            .param("limit", limit)
            .query((rs, n) -> new Positioned(rs.getLong("seq"), purchase(rs)))
            .list();
    }

    /** Every purchase of the day, read with a cursor (inside a read-only transaction) so none is held in memory. */
    void each(LocalDate day, Consumer<CuratedPurchase> action) {
        transactions.executeWithoutResult(status -> streaming.query(
                "select %s from curated_purchases where day = ? order by seq".formatted(COLUMNS),
                (RowCallbackHandler) rs -> action.accept(purchase(rs)), java.sql.Date.valueOf(day)));
    }

    private static CuratedPurchase purchase(ResultSet rs) throws SQLException {
        String currency = rs.getString("currency");
        return new CuratedPurchase(rs.getObject("occurred_at", OffsetDateTime.class).toInstant(),
                rs.getString("source"), rs.getString("transaction_id"), rs.getString("player_id"),
                MoneyFormat.amount(rs.getBigDecimal("amount"), currency), currency, rs.getString("campaign"),
                rs.getString("media_source"), rs.getString("purchase_key"));
    }

    /** A purchase and its position in the day, which is what a page continues after. */
    record Positioned(long position, CuratedPurchase purchase) {
    }
}
