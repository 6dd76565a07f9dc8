package io.croupier.commission.points;

import io.croupier.commission.commissioning.LedgerEntriesAppended;
import io.croupier.commission.commissioning.LedgerEntryAppended;
import io.croupier.commission.ledger.LedgerEntry;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Seed 004's points follow the ledger in the entries' transaction: an offerwall user earns the publisher's payout of
 * an entry that pays one, and loses it again with the entry's reversal. Only offerwall publishers' entries move
 * points, so the entries are taken one by one, in order (a reversal may undo a credit of the same set).
 */
@Component
class PointsFollowTheLedger {

    private final UserPoints points;

    PointsFollowTheLedger(UserPoints points) {
        this.points = points;
    }

    @EventListener
    void on(LedgerEntriesAppended appended) {
        for (LedgerEntryAppended one : appended.entries()) {
            LedgerEntry entry = one.entry();
            if (entry.isReversal()) {
                points.reverse(entry.reverses(), entry.entryId(), entry.recordedAt());
            }
            else if (one.offerwallUser() != null && entry.publisherPayout().isPositive()) {
                points.credit(entry.entryId(), entry.publisherId(), one.offerwallUser(),
                        entry.publisherPayout().value(), entry.recordedAt());
            }
        }
    }
}
