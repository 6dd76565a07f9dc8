package io.croupier.commission.commissioning;

import java.util.Map;

import io.croupier.commission.money.Amount;

/**
 * What the deal says a conversion earns, and what it changes in the player's history if it is approved.
 *
 * @param carriedLossAfter the player's carried loss afterwards, or null when it does not change
 * @param details the figures the rule used, written into the ledger entry's inputs
 */
record Assessment(Rule rule, Amount revenue, Effect effect, Amount carriedLossAfter, Map<String, String> details) {

    enum Effect {
        NONE, RECORD_REGISTRATION, QUALIFY_REGISTRATION
    }

    static Assessment of(Rule rule, Amount revenue) {
        return new Assessment(rule, revenue, Effect.NONE, null, Map.of());
    }

    Assessment with(Effect effect) {
        return new Assessment(rule, revenue, effect, carriedLossAfter, details);
    }

    Assessment carrying(Amount carriedLossAfter, Map<String, String> details) {
        return new Assessment(rule, revenue, effect, carriedLossAfter, details);
    }
}
