package io.croupier.commission.commissioning;

import java.math.BigDecimal;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

import io.croupier.commission.ledger.Ledger;
import io.croupier.commission.ledger.LedgerEntry;
import io.croupier.commission.money.Amount;
import io.croupier.events.PurchaseConfirmed;
import io.croupier.runtime.inbox.Inbox;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The payment gateway's confirmations of deposits, as analytics-service announces them ({@code PurchaseConfirmed}),
 * for deals that hold a qualifying deposit's CPA payout until the gateway confirms it. A confirmation releases the
 * payouts held for its transaction id; one that arrives first is kept, so the deposit is paid at once when it
 * qualifies. Both sides take the transaction's confirmation lock, so neither can miss the other.
 */
@Service
public class GatewayConfirmations {

    static final String CONSUMER = "commission-service.purchase-confirmations";

    private final JdbcClient jdbc;

    private final Inbox inbox;

    private final ConversionLocks locks;

    private final Ledger ledger;

    private final HeldPayouts heldPayouts;

    GatewayConfirmations(JdbcClient jdbc, Inbox inbox, ConversionLocks locks, Ledger ledger,
            HeldPayouts heldPayouts) {
        this.jdbc = jdbc;
        this.inbox = inbox;
        this.locks = locks;
        this.ledger = ledger;
        this.heldPayouts = heldPayouts;
    }

    @Transactional
    public void apply(PurchaseConfirmed confirmed) {
        if (!inbox.firstDelivery(CONSUMER, confirmed.getEventId())) {
            return;
        }
        locks.lockConfirmationOf(confirmed.getTransactionId());
        Amount amount = new Amount(new BigDecimal(confirmed.getAmount().getAmount()),
                confirmed.getAmount().getCurrency());
        jdbc.sql("""
                insert into purchase_confirmations (transaction_id, event_id, player_id, amount, currency,
                    processed_at, received_at)
                values (:transactionId, :eventId, :playerId, :amount, :currency, :processedAt, :receivedAt)
                on conflict (transaction_id) do nothing""")
            .param("transactionId", confirmed.getTransactionId())
            .param("eventId", confirmed.getEventId())
            .param("playerId", confirmed.getPlayerId())
            .param("amount", amount.value())
            .param("currency", amount.currency())
            .param("processedAt", Timestamp.from(confirmed.getProcessedAt()))
            .param("receivedAt", Timestamp.from(Instant.now().truncatedTo(ChronoUnit.MICROS)))
            .update();
        Map<String, String> confirmation = describe(amount, confirmed.getProcessedAt());
        for (LedgerEntry held : ledger.awaitingGatewayConfirmation(confirmed.getTransactionId())) {
            heldPayouts.releaseConfirmed(held, confirmation);
        }
    }

    /**
     * The gateway's confirmation of {@code transactionId} as a ledger entry's inputs, if it arrived. The caller holds
     * {@link ConversionLocks#lockConfirmationOf}.
     */
    Optional<Map<String, String>> of(String transactionId) {
        return jdbc.sql("select amount, currency, processed_at from purchase_confirmations where transaction_id = :id")
            .param("id", transactionId)
            .query((rs, n) -> describe(new Amount(rs.getBigDecimal("amount"), rs.getString("currency")),
                    rs.getTimestamp("processed_at").toInstant()))
            .optional();
    }

    private static Map<String, String> describe(Amount amount, Instant processedAt) {
        Map<String, String> inputs = new LinkedHashMap<>();
        inputs.put("gateway_confirmed_amount", amount.toString());
        inputs.put("gateway_confirmed_at", processedAt.toString());
        return inputs;
    }
}
