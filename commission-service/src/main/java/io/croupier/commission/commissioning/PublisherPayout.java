package io.croupier.commission.commissioning;

import java.util.LinkedHashMap;
import java.util.Map;

import io.croupier.commission.money.Amount;
import io.croupier.events.GuessedLinkPolicy;

/**
 * What the publisher is paid now for a conversion's revenue, and what is held back: the publisher's terms decide the
 * amount, the deal's guessed-link policy whether a conversion whose link to its click is a guess is paid, held for an
 * operator's decision, or not paid, and the deal's {@code cpa_requires_confirmation} whether a qualifying deposit's
 * CPA payout waits for the payment gateway's confirmation.
 *
 * @param paid what the entry owes the publisher now
 * @param held what waits for an operator's confirmation or the gateway's, or {@code null}
 * @param withheld what the deal refuses to pay on a guess, or {@code null}
 * @param awaitingGateway whether {@code held} waits for the gateway's confirmation (else for an operator)
 */
record PublisherPayout(Amount paid, Amount held, Amount withheld, boolean awaitingGateway) {

    /** The value {@code inputs.held_until} has on an entry whose payout waits for the gateway's confirmation. */
    static final String UNTIL_GATEWAY_CONFIRMATION = "gateway_confirmation";

    static PublisherPayout of(Amount earned, boolean guessed, GuessedLinkPolicy policy) {
        if (!guessed || earned.isZero() || policy == GuessedLinkPolicy.PAY) {
            return new PublisherPayout(earned, null, null, false);
        }
        Amount nothing = Amount.zero(earned.currency());
        return policy == GuessedLinkPolicy.HOLD ? new PublisherPayout(nothing, earned, null, false)
                : new PublisherPayout(nothing, null, earned, false);
    }

    static PublisherPayout none(String currency) {
        return new PublisherPayout(Amount.zero(currency), null, null, false);
    }

    /**
     * The payout held until the gateway confirms the deposit instead of paid now. What a guessed link already holds
     * or withholds stays as it is: an operator decides on it anyway.
     */
    PublisherPayout untilGatewayConfirms() {
        if (held != null || withheld != null || paid.isZero()) {
            return this;
        }
        return new PublisherPayout(Amount.zero(paid.currency()), paid, null, true);
    }

    /** The figures an entry's inputs record when the payout is not simply paid. */
    Map<String, String> describe(GuessedLinkPolicy policy) {
        Map<String, String> inputs = new LinkedHashMap<>();
        if (awaitingGateway) {
            inputs.put("held_until", UNTIL_GATEWAY_CONFIRMATION);
        }
        else if (held != null || withheld != null) {
            inputs.put("guessed_link_policy", policy.name());
        }
        if (held != null) {
            inputs.put("held_payout", held.toString());
        }
        if (withheld != null) {
            inputs.put("withheld_payout", withheld.toString());
        }
        return inputs;
    }
}
