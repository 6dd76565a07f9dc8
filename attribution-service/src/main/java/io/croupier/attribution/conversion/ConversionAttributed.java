package io.croupier.attribution.conversion;

import java.time.Instant;

import io.croupier.events.ConversionKind;
import io.croupier.events.ConversionStatus;
import io.croupier.events.Money;

/**
 * Published inside the transaction that attributed a conversion, so funnel counts commit with the attribution.
 *
 * @param firstDeposit whether it counts as a first deposit in the funnel: the player's first (the README's rule), and
 *        a linked player only once
 * @param amount the deposit, profit or chargeback amount, or {@code null}
 * @param clickId the click the conversion came through; null when attributed without one (sub id)
 */
public record ConversionAttributed(String offerId, ConversionKind kind, ConversionStatus status,
        boolean firstDeposit, Money amount, Instant occurredAt, String clickId) {
}
