package io.croupier.commission.commissioning;

import java.util.ArrayList;
import java.util.List;

import io.croupier.commission.commissioning.LedgerEntryAppended.DepositChange;
import io.croupier.commission.ledger.Ledger;
import io.croupier.commission.ledger.LedgerEntry;
import io.croupier.commission.money.Amount;
import io.croupier.runtime.outbox.Outbox;
import io.croupier.schemas.Topics;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Component;

/**
 * Writes ledger entries and announces them in the same transaction: on the ledger topic, in process (for LTV and
 * points), and when asked, to their publisher. A poll's entries are collected ({@link #batch}) and written together
 * with one statement; an operator's decision writes its entry at once.
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
        Batch batch = batch();
        batch.record(entry, offerwallUser, null);
        batch.write();
        return entry;
    }

    Batch batch() {
        return new Batch();
    }

    /** Sends the entry's publisher a payout postback naming {@code payout}; an entry without publisher sends none. */
    void forward(LedgerEntry entry, Amount payout) {
        if (entry.publisherId() != null) {
            outbox.append(Topics.PAYOUTS, entry.publisherId(), entry.toPayout(payout));
        }
    }

    /** Entries decided one after the other and written together, in their order. */
    final class Batch {

        private final List<LedgerEntryAppended> recorded = new ArrayList<>();

        /** Announces the entry now (the outbox holds it until the commit) and keeps it for {@link #write}. */
        void record(LedgerEntry entry, String offerwallUser, DepositChange deposit) {
            outbox.append(Topics.LEDGER_ENTRIES, entry.offerId(), entry.toEvent());
            recorded.add(new LedgerEntryAppended(entry, deposit, offerwallUser));
        }

        void write() {
            if (recorded.isEmpty()) {
                return;
            }
            ledger.appendAll(recorded.stream().map(LedgerEntryAppended::entry).toList());
            events.publishEvent(new LedgerEntriesAppended(List.copyOf(recorded)));
            recorded.clear();
        }
    }
}
