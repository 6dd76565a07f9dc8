package io.croupier.commission.ledger;

import io.croupier.events.AttributionMethod;

/**
 * How the entry's conversion was attributed to its click or player, as attribution-service decided.
 *
 * @param method {@code null} for entries recorded before the ledger kept it
 * @param warning why the attribution is less certain than a click id, or {@code null}
 * @param guessed the link to the click is a guess: a fallback match, or a player link that one made
 */
public record Attribution(AttributionMethod method, String warning, boolean guessed) {
}
