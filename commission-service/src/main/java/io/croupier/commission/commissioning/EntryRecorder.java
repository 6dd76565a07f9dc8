package io.croupier.commission.commissioning;

import io.croupier.commission.commissioning.LedgerEntryAppended.DepositChange;
import io.croupier.commission.ledger.Ledger;
import io.croupier.commission.ledger.LedgerEntry;
import io.croupier.commission.money.Amount;
import io.croupier.runtime.outbox.Outbox;
import io.croupier.schemas.Topics;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Component;

/**
 * Writes a ledger entry and announces it in the same transaction: on the ledger topic, in process (for LTV and
 * points), and when asked, to its publisher.
 */
@Component
class EntryRecorder {

    private final Ledger ledger;

    private final Outbox outbox;

    private final ApplicationEventPublisher events;

    EntryRecorder(Ledger ledger, Outbox outbox, ApplicationEventPublisher events) {
        this.ledger = ledger;
        this.outbox = outbox;
        this.events = events;
    }

    /** @param offerwallUser who earns points with the entry's payout, or {@code null} */
    LedgerEntry record(LedgerEntry entry, String offerwallUser) {
        return record(entry, offerwallUser, null);
    }

    LedgerEntry record(LedgerEntry entry, String offerwallUser, DepositChange deposit) {
        ledger.append(entry);
        outbox.append(Topics.LEDGER_ENTRIES, entry.offerId(), entry.toEvent());
        events.publishEvent(new LedgerEntryAppended(entry, deposit, offerwallUser));
        return entry;
    }

    /** Sends the entry's publisher a payout postback naming {@code payout}; an entry without publisher sends none. */
    void forward(LedgerEntry entry, Amount payout) {
        if (entry.publisherId() != null) {
            outbox.append(Topics.PAYOUTS, entry.publisherId(), entry.toPayout(payout));
        }
    }
}
