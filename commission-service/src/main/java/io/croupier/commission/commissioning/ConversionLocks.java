package io.croupier.commission.commissioning;

import java.util.TreeSet;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Serialises the transactions that read and then change one conversion's standing or one player's history. Facts of
 * one player and one conversion share a partition and so arrive in order, but other paths (a redelivery after a
 * rebalance, an operator's decision on a held payout) can reach the same conversion from another thread:
 * transaction-scoped advisory locks on the conversion and the player, taken in a fixed order so that two transactions
 * cannot deadlock.
 */
@Component
class ConversionLocks {

    private final JdbcClient jdbc;

    ConversionLocks(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Any argument may be {@code null}: a conversion without identity, a player nothing identifies. */
    void lock(String conversionKey, String offerId, String playerKey) {
        TreeSet<String> keys = new TreeSet<>();
        if (conversionKey != null) {
            keys.add("conversion:" + conversionKey);
        }
        if (playerKey != null) {
            keys.add("player:" + offerId + ":" + playerKey);
        }
        keys.forEach(this::lock);
    }

    /**
     * The lock on a deposit's gateway confirmation: taken by a deal that holds CPA until the gateway confirms, always
     * before the conversion's own locks, and by an arriving confirmation before the locks of the entries it releases.
     */
    void lockConfirmationOf(String transactionId) {
        lock("confirmation:" + transactionId);
    }

    /** The lock an operator's decision on a held payout takes: the held entry's conversion, else the entry. */
    void lockDecisionOn(String heldEntryId, String conversionKey) {
        lock(conversionKey != null ? "conversion:" + conversionKey : "held:" + heldEntryId);
    }

    private void lock(String key) {
        jdbc.sql("select pg_advisory_xact_lock(hashtextextended(:key, 0))").param("key", key).query().singleRow();
    }
}
