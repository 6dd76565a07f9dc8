package io.croupier.commission.ledger;

import java.time.Instant;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonIgnore;
import io.croupier.commission.money.Amount;
import io.croupier.events.ConversionKind;
import io.croupier.events.ConversionStatus;
import io.croupier.events.LedgerEntryRecorded;
import io.croupier.events.PayoutDue;

/**
 * One append-only ledger row: what the casino owes Croupier ({@code revenue}) and what Croupier owes the publisher
 * ({@code publisherPayout}) because of one attributed conversion, with the rule, the deal version and the inputs
 * that explain the figures. A reversal carries the negated amounts of the entry it {@code reverses}; an operator's
 * decision on a held payout points at the held entry it {@code resolves}.
 *
 * @param postbackLogId the accepted postback the conversion was reported in
 * @param conversionKey what ties the status changes of one conversion together; null when none do
 * @param heldPayout the publisher's payout held for an operator's decision (a guessed link under a deal that holds
 *        such money; {@code publisherPayout} is then zero), or {@code null}
 * @param firstDeposit counts as a first deposit in the CPA report
 * @param reference what the publisher's postback names besides the figures; not shown in the JSON
 */
public record LedgerEntry(String entryId, String inputEventId, Long postbackLogId, String reverses, String resolves,
        String conversionKey, String offerId, String publisherId, String clickId, String playerId, String campaign,
        ConversionKind kind, ConversionStatus status, String rule, int dealVersion, Amount revenue,
        Amount publisherPayout, Amount heldPayout, boolean firstDeposit, Attribution attribution,
        @JsonIgnore ConversionReference reference, Map<String, String> inputs, Instant occurredAt,
        Instant recordedAt) {

    /** Not in the JSON: {@code reverses} already says it. */
    @JsonIgnore
    public boolean isReversal() {
        return reverses != null;
    }

    public LedgerEntryRecorded toEvent() {
        return LedgerEntryRecorded.newBuilder()
            .setEventId("ledger:" + entryId)
            .setEntryId(entryId)
            .setInputEventId(inputEventId)
            .setPostbackLogId(postbackLogId)
            .setOfferId(offerId)
            .setPublisherId(publisherId)
            .setClickId(clickId)
            .setPlayerId(playerId)
            .setCampaign(campaign)
            .setKind(kind)
            .setStatus(status)
            .setRule(rule)
            .setDealVersion(dealVersion)
            .setRevenue(revenue.toEvent())
            .setPublisherPayout(publisherPayout.toEvent())
            .setReverses(reverses)
            .setAttributionMethod(attribution.method())
            .setAttributionWarning(attribution.warning())
            .setGuessedLink(attribution.guessed())
            .setHeldPayout(heldPayout == null ? null : heldPayout.toEvent())
            .setResolves(resolves)
            .setOccurredAt(occurredAt)
            .setRecordedAt(recordedAt)
            .build();
    }

    /**
     * The payout postback this entry sends its publisher: normally its own payout; for a pending conversion the
     * payout it will bring when approved.
     */
    public PayoutDue toPayout(Amount payout) {
        return PayoutDue.newBuilder()
            .setEventId("payout:" + entryId)
            .setPublisherId(publisherId)
            .setOfferId(offerId)
            .setClickId(clickId)
            .setTransactionId(reference.transactionId())
            .setExternalOfferId(reference.externalOfferId())
            .setEvent(kind)
            .setStatus(status)
            .setPayout(payout.toEvent())
            .setTracking(reference.tracking())
            .setReverses(reverses)
            .setOccurredAt(occurredAt)
            .build();
    }
}
