package io.croupier.commission.ltv;

import java.util.ArrayList;
import java.util.List;

import io.croupier.commission.commissioning.LedgerEntriesAppended;
import io.croupier.commission.commissioning.LedgerEntryAppended;
import io.croupier.commission.ledger.LedgerEntry;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Keeps players' LTV in step with the ledger, in the entries' transaction: every entry's revenue (reversals
 * subtract), and the deposits its conversion adds or a chargeback takes back. Players known only by a sub id have no
 * LTV.
 */
@Component
class LtvFollowsTheLedger {

    private final CustomerLtvs ltvs;

    LtvFollowsTheLedger(CustomerLtvs ltvs) {
        this.ltvs = ltvs;
    }

    @EventListener
    void on(LedgerEntriesAppended appended) {
        List<CustomerLtvs.Change> changes = new ArrayList<>();
        for (LedgerEntryAppended one : appended.entries()) {
            LedgerEntry entry = one.entry();
            if (entry.playerId() == null) {
                continue;
            }
            if (!entry.revenue().isZero()) {
                changes.add(CustomerLtvs.Change.earned(entry.offerId(), entry.playerId(), entry.revenue(),
                        entry.recordedAt()));
            }
            if (one.deposit() != null) {
                changes.add(CustomerLtvs.Change.deposits(entry.offerId(), entry.playerId(), one.deposit().count(),
                        one.deposit().amount(), entry.recordedAt()));
            }
        }
        ltvs.apply(changes);
    }
}
