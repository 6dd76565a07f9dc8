package io.croupier.commission.deal;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;

import io.croupier.commission.money.Amount;
import io.croupier.events.GuessedLinkPolicy;

/**
 * One version of what a casino pays Croupier for an offer. A CPA part, a RevShare part, both (hybrid), or neither, in
 * which case the casino reports the payout itself with each conversion.
 *
 * @param cpaAmount paid once per player on a qualifying deposit; null without a CPA part
 * @param minDeposit the smallest deposit that qualifies for the CPA, in the deal currency; null means no minimum
 * @param revSharePercent share of each positive profit, 30 means 30 %; null without a RevShare part
 * @param negativeCarryOver whether a player's losses (negative profit) are offset against later profit
 * @param guessedLinks what happens to the publisher's money on a conversion whose link to its click is a guess
 * @param clawbackWindowDays how many days after a deposit its chargeback still claws the CPA back; null means no
 *        limit (versions published before the setting existed)
 * @param cpaRequiresConfirmation whether a qualifying first deposit's CPA payout is held until the payment gateway's
 *        confirmation of the deposit reaches this service
 */
public record Deal(String offerId, int version, Instant effectiveFrom, Amount cpaAmount, Amount minDeposit,
        BigDecimal revSharePercent, String currency, boolean negativeCarryOver, GuessedLinkPolicy guessedLinks,
        Integer clawbackWindowDays, boolean cpaRequiresConfirmation) {

    /** Whether a chargeback reported at {@code chargedBackAt} of a deposit made at {@code depositedAt} claws back. */
    public boolean clawsBack(Instant depositedAt, Instant chargedBackAt) {
        return clawbackWindowDays == null
                || !chargedBackAt.isAfter(depositedAt.plus(Duration.ofDays(clawbackWindowDays)));
    }

    public boolean hasCpa() {
        return cpaAmount != null;
    }

    public boolean hasRevShare() {
        return revSharePercent != null;
    }

    /** Neither CPA nor RevShare: the revenue is whatever the casino reports with the conversion. */
    public boolean paysReportedPayout() {
        return !hasCpa() && !hasRevShare();
    }
}
