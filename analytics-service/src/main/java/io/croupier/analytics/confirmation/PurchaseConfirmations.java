package io.croupier.analytics.confirmation;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;

import io.croupier.events.Money;
import io.croupier.events.PurchaseConfirmed;
import io.croupier.runtime.outbox.Outbox;
import io.croupier.schemas.Topics;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * Tells commission-service that the payment gateway confirmed one of Croupier's deposits, so a CPA its deal holds
 * until then is paid ({@code PurchaseConfirmed}, through the outbox, once per transaction id). A deposit is confirmed
 * by a {@code confirmed_purchases} row of its transaction id with the same amount and currency; one the gateway
 * confirmed with another amount is not (reconciliation lists the mismatch, and the held CPA waits for an operator).
 * Whichever of the two arrives second announces the match, in its own transaction.
 */
@Component
public class PurchaseConfirmations {

    private static final String ANNOUNCE = """
            with candidates as (
                select distinct on (g.transaction_id) g.transaction_id, g.player_id, g.amount, g.currency,
                       g.processed_at
                from gateway_confirmations g
                where g.status = 'confirmed' and %s
                  and exists (select 1 from croupier_deposits d
                              where d.transaction_id = g.transaction_id and d.kind <> 'CHARGEBACK'
                                and d.amount = g.amount and d.currency = g.currency)
                order by g.transaction_id, g.processed_at
            ), announced as (
                insert into announced_confirmations (transaction_id, announced_at)
                select transaction_id, :now from candidates
                on conflict (transaction_id) do nothing
                returning transaction_id
            )
            select c.* from candidates c join announced a using (transaction_id)""";

    private final JdbcClient jdbc;

    private final Outbox outbox;

    PurchaseConfirmations(JdbcClient jdbc, Outbox outbox) {
        this.jdbc = jdbc;
        this.outbox = outbox;
    }

    /** Announces the Croupier deposits an import of {@code confirmed_purchases} confirmed. */
    @Transactional(propagation = Propagation.MANDATORY)
    public void announceImported(long importId) {
        announce(jdbc.sql(ANNOUNCE.formatted("g.import_id = :importId")).param("importId", importId));
    }

    /**
     * Waits for an import of {@code confirmed_purchases} that is merging (the importer holds that file's lock
     * exclusively until it commits) and keeps the next from merging until this transaction ends, so a deposit and the
     * file never both miss each other. Taken before {@code InputsLock}, in the importer's order.
     */
    @Transactional(propagation = Propagation.MANDATORY)
    public void holdOffConfirmationImports() {
        jdbc.sql("select pg_advisory_xact_lock_shared(hashtext(current_schema() || '.import.confirmed_purchases'))")
            .query()
            .singleRow();
    }

    /**
     * Announces the gateway's confirmation of a deposit just stored, if the gateway's file came first; the caller
     * took {@link #holdOffConfirmationImports()}.
     */
    @Transactional(propagation = Propagation.MANDATORY)
    public void announceDeposit(String transactionId) {
        announce(jdbc.sql(ANNOUNCE.formatted("g.transaction_id = :transactionId"))
            .param("transactionId", transactionId));
    }

    private void announce(JdbcClient.StatementSpec candidates) {
        Instant now = Instant.now();
        List<PurchaseConfirmed> confirmed = candidates.param("now", Timestamp.from(now))
            .query((rs, n) -> PurchaseConfirmed.newBuilder()
                .setEventId("purchase-confirmed:" + rs.getString("transaction_id"))
                .setTransactionId(rs.getString("transaction_id"))
                .setPlayerId(rs.getString("player_id"))
                .setAmount(Money.newBuilder()
                    .setAmount(rs.getBigDecimal("amount").toPlainString())
                    .setCurrency(rs.getString("currency"))
                    .build())
                .setProcessedAt(rs.getTimestamp("processed_at").toInstant())
                .setAnnouncedAt(now)
                .build())
            .list();
        confirmed.forEach(event -> outbox.append(Topics.PURCHASE_CONFIRMATIONS, event.getTransactionId(), event));
    }
}
