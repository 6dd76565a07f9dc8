package io.croupier.commission.commissioning;

import io.croupier.commission.ledger.LedgerEntry;
import io.croupier.commission.money.Amount;

/**
 * A ledger entry and what follows from it besides its amounts (see {@link LedgerEntriesAppended}).
 *
 * @param deposit what the entry's conversion changes in the player's deposits, or {@code null} when nothing
 * @param offerwallUser the end user who earns points 1:1 with the entry's payout (seed 004: sub1 of an offerwall
 *        publisher's click), or {@code null} when no one does
 */
public record LedgerEntryAppended(LedgerEntry entry, DepositChange deposit, String offerwallUser) {

    /**
     * @param count deposits added: a deposit counts once, when it is first approved; a chargeback takes its amount back
     *        but the deposit still happened
     */
    public record DepositChange(int count, Amount amount) {

        static DepositChange deposited(Amount amount) {
            return new DepositChange(1, amount);
        }

        static DepositChange chargedBack(Amount amount) {
            return new DepositChange(0, amount.negate());
        }
    }
}
