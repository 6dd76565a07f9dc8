package io.croupier.attribution.player;

/** Where a player's deposits are noted: the table itself, or a poll's standing that writes it at the end. */
public interface DepositHistory {

    /**
     * Notes that the player deposited.
     *
     * @return {@code true} only for the player's first deposit seen
     */
    boolean recordDeposit(String offerId, String playerId);
}
