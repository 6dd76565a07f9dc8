package io.croupier.optimizer.performance;

import java.math.BigDecimal;
import java.sql.Timestamp;

import io.croupier.events.LedgerEntryRecorded;
import io.croupier.runtime.inbox.Inbox;
import io.croupier.schemas.Topics;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * Keeps what the casino pays Croupier per ledger entry, reversals included, so an offer's average payout can be
 * computed over any stretch of time. Each entry is stored once, whatever the redelivery.
 */
@Component
class RevenueRecorder {

    static final String CONSUMER = "optimizer-service.ledger-entries";

    private final JdbcClient jdbc;

    private final Inbox inbox;

    RevenueRecorder(JdbcClient jdbc, Inbox inbox) {
        this.jdbc = jdbc;
        this.inbox = inbox;
    }

    @KafkaListener(topics = Topics.Names.LEDGER_ENTRIES)
    @Transactional
    void on(LedgerEntryRecorded entry) {
        if (!inbox.firstDelivery(CONSUMER, entry.getEventId())) {
            return;
        }
        jdbc.sql("""
                insert into revenue_entries (entry_id, offer_id, amount, currency, status, kind, rule, reverses,
                    occurred_at)
                values (:entryId, :offerId, :amount, :currency, :status, :kind, :rule, :reverses, :occurredAt)
                on conflict (entry_id) do nothing""")
            .param("entryId", entry.getEntryId())
            .param("offerId", Long.parseLong(entry.getOfferId()))
            .param("amount", new BigDecimal(entry.getRevenue().getAmount()))
            .param("currency", entry.getRevenue().getCurrency())
            .param("status", entry.getStatus().name())
            .param("kind", entry.getKind().name())
            .param("rule", entry.getRule())
            .param("reverses", entry.getReverses())
            .param("occurredAt", Timestamp.from(entry.getOccurredAt()))
            .update();
    }
}
