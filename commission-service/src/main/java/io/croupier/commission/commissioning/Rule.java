package io.croupier.commission.commissioning;

/** Why a ledger entry has the amounts it has: the name of the rule that fired, written on every entry. */
enum Rule {

    /** CPA deal, seed 003: a registration earns nothing but lets one later deposit qualify. */
    REGISTRATION_AWAITING_DEPOSIT,
    /** No CPA part: registrations earn nothing. */
    REGISTRATION_NOT_PAID,
    /** Seed 003: a deposit of at least the minimum after a registration pays the CPA amount. */
    CPA_QUALIFIED,
    CPA_NO_PRIOR_REGISTRATION,
    /** Seed 000: only first deposits count; the CPA of a player is paid once. */
    CPA_ALREADY_PAID,
    CPA_NOT_FIRST_DEPOSIT,
    CPA_BELOW_MIN_DEPOSIT,
    /** The deposit's currency is not the deal's, so it cannot be compared with the minimum without a conversion. */
    CPA_DEPOSIT_CURRENCY_MISMATCH,
    CPA_DEPOSIT_AMOUNT_MISSING,
    /** Seed 003: under RevShare a deposit is only recorded. */
    DEPOSIT_NOT_PAID_UNDER_REVSHARE,
    /** Seed 003: a percentage of a positive profit. */
    REVSHARE,
    /** Negative carry-over on: a percentage of what remains of the profit after the carried loss. */
    REVSHARE_AFTER_CARRIED_LOSS,
    /** Negative carry-over on: the profit only reduced the carried loss. */
    REVSHARE_OFFSET_BY_CARRIED_LOSS,
    /** Negative carry-over off: the player won, which is recorded and forgotten. */
    REVSHARE_NEGATIVE_PROFIT,
    /** Negative carry-over on: the player won; the loss is carried against future profit. */
    REVSHARE_LOSS_CARRIED_OVER,
    REVSHARE_PROFIT_AMOUNT_MISSING,
    /** Seed 003: under CPA a profit event earns nothing. */
    PROFIT_NOT_PAID_UNDER_CPA,
    /** An offer completion without deposit or profit under a CPA or RevShare deal. */
    NOT_PAID_UNDER_DEAL,
    /** Seeds 001 and 004: the casino reports what it pays. */
    REPORTED_PAYOUT,
    NO_REPORTED_PAYOUT,
    /** Seed 004: a pending conversion earns nothing yet. */
    PENDING,
    /** The conversion was already approved: an approval pays once. */
    ALREADY_APPROVED,
    /** A pending report for a conversion already approved changes nothing. */
    PENDING_AFTER_APPROVAL_IGNORED,
    /** Seed 004: a rejected conversion earns nothing. */
    REJECTED,
    /**
     * A rejection is final: a later approval or pending report of a rejected conversion earns nothing and is not
     * forwarded, so a publisher is never paid for a conversion the casino rejected.
     */
    ALREADY_REJECTED,
    /** The reversal of an earlier entry: a rejection after approval, or a chargeback. */
    CLAWBACK,
    /**
     * An operator confirmed the publisher's payout that a guessed link held (deal {@code guessed_links = HOLD}): the
     * held amount is owed and forwarded now.
     */
    GUESSED_LINK_CONFIRMED,
    /** An operator rejected the held payout of a guessed link: the publisher is not paid; the revenue stands. */
    GUESSED_LINK_REJECTED,
    /**
     * The payment gateway confirmed a deposit whose CPA payout the deal held until it did
     * ({@code cpa_requires_confirmation}): the held amount is owed and forwarded now.
     */
    GATEWAY_CONFIRMED,
    /**
     * An operator paid a CPA payout held for the gateway's confirmation that never came (or came with another amount):
     * the held amount is owed and forwarded now.
     */
    GATEWAY_HOLD_CONFIRMED,
    /**
     * An operator rejected a CPA held for the gateway's confirmation: the deposit did not qualify after all, so the
     * publisher is not paid and the CPA revenue booked when it qualified is reversed ({@code reverses} the held entry).
     */
    GATEWAY_HOLD_REJECTED,
    /** A chargeback: it reverses the deposit's entry. */
    CHARGEBACK,
    CHARGEBACK_WITHOUT_RECORDED_DEPOSIT,
    /** A chargeback reported after the deal's clawback window: what the deposit earned stands. */
    CHARGEBACK_AFTER_CLAWBACK_WINDOW,
    /** Negative carry-over off: a chargeback is money the casino never had, so its RevShare is taken back now. */
    REVSHARE_REDUCED_BY_CHARGEBACK,
    /** Negative carry-over on: the charged-back amount is carried as a loss against the player's future profit. */
    REVSHARE_CHARGEBACK_CARRIED_OVER
}
