package io.croupier.commission.commissioning;

import java.util.LinkedHashMap;
import java.util.Map;

import io.croupier.commission.money.Amount;
import io.croupier.events.GuessedLinkPolicy;

/**
 * What the publisher is paid now for a conversion's revenue, and what is held back: the publisher's terms decide the
 * amount, the deal's guessed-link policy whether a conversion whose link to its click is a guess is paid, held for an
 * operator's decision, or not paid.
 *
 * @param paid what the entry owes the publisher now
 * @param held what waits for an operator's confirmation, or {@code null}
 * @param withheld what the deal refuses to pay on a guess, or {@code null}
 */
record PublisherPayout(Amount paid, Amount held, Amount withheld) {

    static PublisherPayout of(Amount earned, boolean guessed, GuessedLinkPolicy policy) {
        if (!guessed || earned.isZero() || policy == GuessedLinkPolicy.PAY) {
            return new PublisherPayout(earned, null, null);
        }
        Amount nothing = Amount.zero(earned.currency());
        return policy == GuessedLinkPolicy.HOLD ? new PublisherPayout(nothing, earned, null)
                : new PublisherPayout(nothing, null, earned);
    }

    static PublisherPayout none(String currency) {
        return new PublisherPayout(Amount.zero(currency), null, null);
    }

    /** The figures an entry's inputs record when the payout is not simply paid. */
    Map<String, String> describe(GuessedLinkPolicy policy) {
        Map<String, String> inputs = new LinkedHashMap<>();
        if (held != null || withheld != null) {
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
