package io.croupier.commission.commissioning;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Serialises the transactions that read and then change one conversion's standing or one player's history. Facts of
 * one player and one conversion share a partition and so arrive in order, but other paths (a redelivery after a
 * rebalance, an operator's decision on a held payout) can reach the same conversion from another thread:
 * transaction-scoped advisory locks on the conversion and the player, taken in a fixed order so that two transactions
 * cannot deadlock. A poll's locks are taken at once ({@link #lockAll}); the transaction remembers the locks it holds,
 * so each conversion's own calls then cost no round trip.
 */
@Component
class ConversionLocks {

    private static final String HELD = ConversionLocks.class.getName() + ".held";

    private final JdbcClient jdbc;

    ConversionLocks(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * Every lock the conversions will take, in one statement, in the order the single calls keep: the gateway
     * confirmation locks of their transaction ids first (taken whether or not the deal holds its CPA for the gateway,
     * which is known only later), then the conversions' and players' own.
     */
    void lockAll(List<Conversion> conversions) {
        TreeSet<String> confirmations = new TreeSet<>();
        TreeSet<String> own = new TreeSet<>();
        for (Conversion conversion : conversions) {
            if (conversion.transactionId() != null) {
                confirmations.add(confirmationKey(conversion.transactionId()));
            }
            own.addAll(ownKeys(conversion.conversionKey(), conversion.offerId(), conversion.playerKey()));
        }
        Set<String> held = held();
        List<String> keys = Stream.concat(confirmations.stream(), own.stream())
            .filter(key -> !held.contains(key))
            .toList();
        if (keys.isEmpty()) {
            return;
        }
        jdbc.sql("""
                select count(pg_advisory_xact_lock(hashtextextended(key, 0)))
                from (select key from unnest(?::text[]) with ordinality as keys(key, n) order by n) ordered""")
            .param(keys.toArray(String[]::new))
            .query(Long.class)
            .single();
        held.addAll(keys);
    }

    /** Any argument may be {@code null}: a conversion without identity, a player nothing identifies. */
    void lock(String conversionKey, String offerId, String playerKey) {
        ownKeys(conversionKey, offerId, playerKey).forEach(this::lock);
    }

    /**
     * The lock on a deposit's gateway confirmation: taken by a deal that holds CPA until the gateway confirms, always
     * before the conversion's own locks, and by an arriving confirmation before the locks of the entries it releases.
     */
    void lockConfirmationOf(String transactionId) {
        lock(confirmationKey(transactionId));
    }

    /** The lock an operator's decision on a held payout takes: the held entry's conversion, else the entry. */
    void lockDecisionOn(String heldEntryId, String conversionKey) {
        lock(conversionKey != null ? "conversion:" + conversionKey : "held:" + heldEntryId);
    }

    private static TreeSet<String> ownKeys(String conversionKey, String offerId, String playerKey) {
        TreeSet<String> keys = new TreeSet<>();
        if (conversionKey != null) {
            keys.add("conversion:" + conversionKey);
        }
        if (playerKey != null) {
            keys.add("player:" + offerId + ":" + playerKey);
        }
        return keys;
    }

    private static String confirmationKey(String transactionId) {
        return "confirmation:" + transactionId;
    }

    private void lock(String key) {
        if (held().add(key)) {
            jdbc.sql("select pg_advisory_xact_lock(hashtextextended(:key, 0))").param("key", key).query().singleRow();
        }
    }

    /** The locks this transaction holds: advisory transaction locks are released only by its end. */
    @SuppressWarnings("unchecked")
    private static Set<String> held() {
        Set<String> held = (Set<String>) TransactionSynchronizationManager.getResource(HELD);
        if (held == null) {
            Set<String> fresh = new HashSet<>();
            TransactionSynchronizationManager.bindResource(HELD, fresh);
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void afterCompletion(int status) {
                    TransactionSynchronizationManager.unbindResourceIfPossible(HELD);
                }
            });
            held = fresh;
        }
        return held;
    }
}
