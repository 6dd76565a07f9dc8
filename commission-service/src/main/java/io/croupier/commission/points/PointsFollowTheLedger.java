package io.croupier.commission.points;

import io.croupier.commission.commissioning.LedgerEntryAppended;
import io.croupier.commission.ledger.LedgerEntry;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Seed 004's points follow the ledger in the entry's transaction: an offerwall user earns the publisher's payout of
 * an entry that pays one, and loses it again with the entry's reversal.
 */
@Component
class PointsFollowTheLedger {

    private final UserPoints points;

    PointsFollowTheLedger(UserPoints points) {
        this.points = points;
    }

    @EventListener
    void on(LedgerEntryAppended appended) {
        LedgerEntry entry = appended.entry();
        if (entry.isReversal()) {
            points.reverse(entry.reverses(), entry.entryId(), entry.recordedAt());
        }
        else if (appended.offerwallUser() != null && entry.publisherPayout().isPositive()) {
            points.credit(entry.entryId(), entry.publisherId(), appended.offerwallUser(),
                    entry.publisherPayout().value(), entry.recordedAt());
        }
    }
}
