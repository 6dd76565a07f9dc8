package io.croupier.analytics.reconciliation;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;
import tools.jackson.databind.JsonNode;

/**
 * {@code reconciliation.json}: the day's purchases against the gateway's confirmations, per currency, with every
 * exception listed.
 *
 * @param rules how the run matched (the tolerance and the transaction window it used)
 * @param matchedByPlayerAndAmount pairs made without a common transaction id, that involve the day
 * @param amountMismatches pairs by transaction id whose amounts differ
 * @param currencyMismatches pairs by transaction id whose currencies differ
 */
record ReconciliationReport(LocalDate day, long runId, Instant computedAt, JsonNode rules, List<Totals> totals,
        List<Item> matchedByPlayerAndAmount, List<Item> amountMismatches, List<Item> currencyMismatches,
        List<Item> unmatchedPurchases, List<Item> unmatchedConfirmations) {

    /** One currency of the day (a purchase counts in its own currency, a confirmation in its own). */
    record Totals(String currency, long purchases, String purchaseAmount, long purchasesMatchedByTransactionId,
            long purchasesMatchedByPlayerAndAmount, long unmatchedPurchases, String unmatchedPurchaseAmount,
            long confirmations, String confirmationAmount, long confirmationsMatchedByTransactionId,
            long confirmationsMatchedByPlayerAndAmount, long unmatchedConfirmations,
            String unmatchedConfirmationAmount, long amountMismatches, long currencyMismatches) {
    }

    /**
     * @param secondsApart how far apart the two sides are, for a pair
     * @param difference the confirmed amount minus the purchased amount, for an amount mismatch
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record Item(Purchase purchase, Confirmation confirmation, Long secondsApart, String difference) {
    }

    record Purchase(String source, String purchaseKey, String transactionId, String playerId, Instant eventTime,
            String amount, String currency) {
    }

    record Confirmation(String confirmationKey, String transactionId, String playerId, Instant processedAt,
            String amount, String currency) {
    }
}
