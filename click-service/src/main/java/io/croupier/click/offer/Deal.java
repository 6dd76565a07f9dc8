package io.croupier.click.offer;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.Objects;

import io.croupier.events.GuessedLinkPolicy;

/**
 * The terms a casino pays Croupier under. Neither a CPA amount nor a RevShare percentage means the casino's reported
 * payout is the revenue (seeds 001 and 004).
 *
 * @param version bumped by every change of terms; commission-service applies the version in force at conversion time
 * @param revsharePercent 30 means 30 %
 * @param guessedLinks what happens to the publisher's money on a conversion whose link to its click is a guess
 * @param clawbackWindowDays how many days after a deposit its chargeback still claws the CPA back; null (deals made
 *        before the setting existed) means no limit
 * @param cpaRequiresConfirmation whether a qualifying first deposit's CPA payout waits for the payment gateway's
 *        confirmation of the deposit (iGaming's "qualified deposit")
 */
public record Deal(int version, Instant effectiveFrom, BigDecimal cpaAmount, BigDecimal minDeposit,
        BigDecimal revsharePercent, String currency, boolean negativeCarryOver, GuessedLinkPolicy guessedLinks,
        Integer clawbackWindowDays, boolean cpaRequiresConfirmation) {

    /** The industry's usual CPA chargeback period, for a deal that does not name its own. */
    static final int DEFAULT_CLAWBACK_WINDOW_DAYS = 90;

    /** Terms compare by value: 150 and 150.00 are the same CPA. */
    boolean sameTermsAs(Deal other) {
        return sameAmount(cpaAmount, other.cpaAmount) && sameAmount(minDeposit, other.minDeposit)
                && sameAmount(revsharePercent, other.revsharePercent) && currency.equals(other.currency)
                && negativeCarryOver == other.negativeCarryOver && guessedLinks == other.guessedLinks
                && Objects.equals(clawbackWindowDays, other.clawbackWindowDays)
                && cpaRequiresConfirmation == other.cpaRequiresConfirmation;
    }

    private static boolean sameAmount(BigDecimal a, BigDecimal b) {
        return Objects.equals(a, b) || (a != null && b != null && a.compareTo(b) == 0);
    }
}
