package io.croupier.commission.commissioning;

import io.croupier.commission.money.Amount;

/**
 * What the rules need to know about the player's history under one offer.
 *
 * @param openRegistration a registration that has not yet qualified a CPA exists
 * @param cpaPaid a registration of this player has already qualified a CPA
 * @param carriedLoss the loss still to be offset against profit (negative carry-over), or null when none
 */
record PlayerState(boolean openRegistration, boolean cpaPaid, Amount carriedLoss) {

    static final PlayerState UNKNOWN = new PlayerState(false, false, null);
}
