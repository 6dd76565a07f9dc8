package io.croupier.commission.ltv;

import io.croupier.commission.commissioning.LedgerEntryAppended;
import io.croupier.commission.ledger.LedgerEntry;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Keeps a player's LTV in step with the ledger, in the entry's transaction: every entry's revenue (reversals
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
    void on(LedgerEntryAppended appended) {
        LedgerEntry entry = appended.entry();
        if (entry.playerId() == null) {
            return;
        }
        if (!entry.revenue().isZero()) {
            ltvs.earned(entry.offerId(), entry.playerId(), entry.revenue(), entry.recordedAt());
        }
        if (appended.deposit() != null) {
            ltvs.deposits(entry.offerId(), entry.playerId(), appended.deposit().count(), appended.deposit().amount(),
                    entry.recordedAt());
        }
    }
}
