package io.croupier.commission.commissioning;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

import io.croupier.commission.commissioning.LedgerEntryAppended.DepositChange;
import io.croupier.commission.deal.Deal;
import io.croupier.commission.deal.DealReplica;
import io.croupier.commission.deal.DealVersions;
import io.croupier.commission.ledger.Ledger;
import io.croupier.commission.ledger.LedgerEntry;
import io.croupier.commission.money.Amount;
import io.croupier.commission.publisher.PublisherVersion;
import io.croupier.commission.publisher.PublisherReplica;
import io.croupier.commission.publisher.PublisherVersions;
import io.croupier.events.AttributedConversion;
import io.croupier.events.ConversionKind;
import io.croupier.events.ConversionStatus;
import io.croupier.runtime.inbox.Inbox;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Turns one attributed conversion into ledger entries, by its status, in one transaction with the inbox check:
 * exactly one entry for the conversion itself (even when it earns nothing: its rule says why) and one reversal per
 * earlier entry it undoes. Seed 004's statuses: pending earns nothing yet, approved earns once, rejected earns nothing
 * and claws back an earlier approval, and is final; a chargeback claws back its deposit.
 */
@Service
public class Commissioning {

    static final String CONSUMER = "commission-service.attributed-conversions";

    private final Inbox inbox;

    private final DealReplica deals;

    private final PublisherReplica publishers;

    private final ConversionLocks locks;

    private final Ledger ledger;

    private final PlayerHistory history;

    private final EntryRecorder recorder;

    private final GatewayConfirmations confirmations;

    Commissioning(Inbox inbox, DealReplica deals, PublisherReplica publishers, ConversionLocks locks, Ledger ledger,
            PlayerHistory history, EntryRecorder recorder, GatewayConfirmations confirmations) {
        this.inbox = inbox;
        this.deals = deals;
        this.publishers = publishers;
        this.locks = locks;
        this.ledger = ledger;
        this.history = history;
        this.recorder = recorder;
        this.confirmations = confirmations;
    }

    /**
     * Applies attributed conversions in their order, one inbox statement for all of them; a redelivered one, and a
     * repeat within the list, is skipped. Under the conversions' locks, their standing (ledger entries, deal and
     * publisher versions, players' histories) is read at once and kept in memory as each is applied, so two statuses
     * of one conversion in one list apply in order; the entries and history changes are written at the end, a
     * statement per table.
     */
    @Transactional
    public void apply(List<AttributedConversion> attributed) {
        Set<String> fresh = inbox.firstDeliveries(CONSUMER,
                attributed.stream().map(AttributedConversion::getEventId).toList());
        List<Conversion> conversions = attributed.stream()
            .filter(conversion -> fresh.remove(conversion.getEventId()))
            .map(Conversion::of)
            .toList();
        if (conversions.isEmpty()) {
            return;
        }
        locks.lockAll(conversions);
        Poll poll = new Poll(
                deals.versionsOf(conversions.stream().map(Conversion::offerId).collect(Collectors.toSet())),
                publishers.versionsOf(conversions.stream()
                    .map(Conversion::publisherId)
                    .filter(Objects::nonNull)
                    .collect(Collectors.toSet())),
                new ConversionStandings(ledger.entriesOfConversions(conversions.stream()
                    .map(Conversion::conversionKey)
                    .filter(Objects::nonNull)
                    .collect(Collectors.toSet()))),
                history.of(conversions), recorder.batch());
        conversions.forEach(conversion -> applyFirst(conversion, poll));
        poll.recorded().write();
        poll.histories().write();
    }

    /** What a poll's conversions stand on, read at once, and the entries they record. */
    private record Poll(DealVersions deals, PublisherVersions publishers, ConversionStandings standings,
            PlayerHistory.Histories histories, EntryRecorder.Batch recorded) {

        LedgerEntry record(LedgerEntry entry, String offerwallUser, DepositChange deposit) {
            recorded.record(entry, offerwallUser, deposit);
            standings.add(entry);
            return entry;
        }
    }

    private void applyFirst(Conversion conversion, Poll poll) {
        Deal deal = poll.deals().inForce(conversion.offerId(), conversion.occurredAt());
        PublisherVersion publisher = conversion.publisherId() == null ? null
                : poll.publishers().inForce(conversion.publisherId(), conversion.occurredAt());
        if (deal.cpaRequiresConfirmation() && conversion.transactionId() != null) {
            locks.lockConfirmationOf(conversion.transactionId());
        }
        locks.lock(conversion.conversionKey(), conversion.offerId(), conversion.playerKey());
        ConversionEntries entries = new ConversionEntries(conversion, deal, publisher,
                Instant.now().truncatedTo(ChronoUnit.MICROS));
        Optional<LedgerEntry> rejection = conversion.kind() == ConversionKind.CHARGEBACK ? Optional.empty()
                : poll.standings().rejection(conversion.conversionKey());
        if (rejection.isPresent() && conversion.status() != ConversionStatus.REJECTED) {
            record(poll, entries, entries.own(Rule.ALREADY_REJECTED, entries.zeroRevenue(), entries.noPayout(),
                    Map.of("rejected_by", rejection.get().entryId())));
            return;
        }
        switch (conversion.status()) {
            case APPROVED -> approve(entries, poll);
            case PENDING -> pend(entries, poll);
            case REJECTED -> reject(entries, poll);
        }
    }

    private void approve(ConversionEntries entries, Poll poll) {
        Conversion conversion = entries.conversion();
        if (conversion.kind() == ConversionKind.CHARGEBACK) {
            chargeBack(entries, poll);
            return;
        }
        Optional<LedgerEntry> settled = poll.standings().settling(conversion.conversionKey());
        if (settled.isPresent()) {
            record(poll, entries, entries.own(Rule.ALREADY_APPROVED, entries.zeroRevenue(), entries.noPayout(),
                    Map.of("settled_by", settled.get().entryId())));
            return;
        }
        Assessment assessment = assess(entries, poll);
        PublisherPayout payout = entries.payoutOf(assessment.revenue());
        Map<String, String> details = new LinkedHashMap<>(assessment.details());
        if (assessment.rule() == Rule.CPA_QUALIFIED && entries.deal().cpaRequiresConfirmation()) {
            Optional<Map<String, String>> confirmation = conversion.transactionId() == null ? Optional.empty()
                    : confirmations.of(conversion.transactionId());
            confirmation.ifPresent(details::putAll);
            payout = confirmation.isPresent() ? payout : payout.untilGatewayConfirms();
        }
        LedgerEntry entry = poll.record(entries.own(assessment.rule(), assessment.revenue(), payout, details),
                entries.offerwallUser(), deposited(conversion));
        poll.histories().apply(assessment, conversion, entry.entryId());
        if (!entry.publisherPayout().isZero()) {
            recorder.forward(entry, entry.publisherPayout());
        }
    }

    private void pend(ConversionEntries entries, Poll poll) {
        Optional<LedgerEntry> settled = poll.standings().settling(entries.conversion().conversionKey());
        if (settled.isPresent()) {
            record(poll, entries, entries.own(Rule.PENDING_AFTER_APPROVAL_IGNORED, entries.zeroRevenue(),
                    entries.noPayout(), Map.of("settled_by", settled.get().entryId())));
            return;
        }
        Assessment prospect = assess(entries, poll);
        PublisherPayout prospectivePayout = entries.payoutOf(prospect.revenue());
        Map<String, String> details = new LinkedHashMap<>();
        details.put("prospective_rule", prospect.rule().name());
        details.put("prospective_revenue", prospect.revenue().toString());
        details.put("prospective_payout", prospectivePayout.paid().toString());
        prospectivePayout.describe(entries.deal().guessedLinks())
            .forEach((name, value) -> details.put("prospective_" + name, value));
        LedgerEntry entry = record(poll, entries, entries.own(Rule.PENDING, Amount.zero(prospect.revenue().currency()),
                PublisherPayout.none(prospectivePayout.paid().currency()), details));
        // Seed 004 scenario 2: the publisher hears of the pending conversion, with what it will pay if approved.
        recorder.forward(entry, prospectivePayout.paid());
    }

    private void reject(ConversionEntries entries, Poll poll) {
        Optional<LedgerEntry> settled = poll.standings().settling(entries.conversion().conversionKey());
        if (settled.isEmpty()) {
            LedgerEntry entry = record(poll, entries, entries.own(Rule.REJECTED, entries.zeroRevenue(), entries.noPayout(),
                    Map.of()));
            recorder.forward(entry, entry.publisherPayout());
            return;
        }
        LedgerEntry approval = settled.get();
        record(poll, entries, entries.own(Rule.REJECTED, Amount.zero(approval.revenue().currency()),
                PublisherPayout.none(approval.publisherPayout().currency()), Map.of()));
        LedgerEntry clawback = record(poll, entries, entries.reversalOf(approval));
        recorder.forward(clawback, clawback.publisherPayout());
        takeBackConfirmedPayout(entries, approval, poll);
    }

    /**
     * A chargeback takes back what its deposit earned (the CPA, a reported payout) when it comes within the deal's
     * clawback window, and reduces the RevShare by the charged-back amount as the deal's negative carry-over says.
     */
    private void chargeBack(ConversionEntries entries, Poll poll) {
        Conversion conversion = entries.conversion();
        Deal deal = entries.deal();
        Optional<LedgerEntry> deposit = poll.standings().settling(conversion.conversionKey());
        Optional<LedgerEntry> clawedBack = deposit
            .filter(paid -> deal.clawsBack(paid.occurredAt(), conversion.occurredAt()));
        Map<String, String> details = new LinkedHashMap<>();
        deposit.ifPresent(paid -> details.put("disputed_entry", paid.entryId()));
        if (deal.clawbackWindowDays() != null) {
            details.put("deal_clawback_window_days", deal.clawbackWindowDays().toString());
        }
        Rule clawbackRule = deposit.isEmpty() ? Rule.CHARGEBACK_WITHOUT_RECORDED_DEPOSIT
                : clawedBack.isPresent() ? Rule.CHARGEBACK : Rule.CHARGEBACK_AFTER_CLAWBACK_WINDOW;
        Assessment revShare = CommissionRules.revShareChargeback(conversion, deal,
                poll.histories().state(conversion.offerId(), conversion.playerKey(), deal.currency()));
        LedgerEntry own;
        if (revShare == null) {
            own = entries.own(clawbackRule, entries.zeroRevenue(), entries.noPayout(), details);
        }
        else {
            details.put("cpa_clawback", clawbackRule.name());
            details.putAll(revShare.details());
            own = entries.own(revShare.rule(), revShare.revenue(), entries.payoutOf(revShare.revenue()), details);
        }
        LedgerEntry recorded = poll.record(own, entries.offerwallUser(),
                conversion.amount() == null ? null : DepositChange.chargedBack(conversion.amount()));
        if (revShare != null) {
            poll.histories().apply(revShare, conversion, recorded.entryId());
        }
        if (!recorded.publisherPayout().isZero()) {
            recorder.forward(recorded, recorded.publisherPayout());
        }
        clawedBack.ifPresent(paid -> {
            LedgerEntry reversal = record(poll, entries, entries.reversalOf(paid));
            if (!reversal.publisherPayout().isZero()) {
                recorder.forward(reversal, reversal.publisherPayout());
            }
            takeBackConfirmedPayout(entries, paid, poll);
        });
    }

    /** A payout an operator confirmed on a guessed link goes with the entry that held it. */
    private void takeBackConfirmedPayout(ConversionEntries entries, LedgerEntry reversed, Poll poll) {
        poll.standings().standingConfirmationOf(reversed).ifPresent(confirmation -> {
            LedgerEntry reversal = record(poll, entries, entries.reversalOf(confirmation));
            recorder.forward(reversal, reversal.publisherPayout());
        });
    }

    private static LedgerEntry record(Poll poll, ConversionEntries entries, LedgerEntry entry) {
        return poll.record(entry, entries.offerwallUser(), null);
    }

    private static Assessment assess(ConversionEntries entries, Poll poll) {
        Conversion conversion = entries.conversion();
        Deal deal = entries.deal();
        String currency = conversion.amount() != null ? conversion.amount().currency() : deal.currency();
        return CommissionRules.assess(conversion, deal,
                poll.histories().state(conversion.offerId(), conversion.playerKey(), currency));
    }

    /** An approved deposit adds to the player's deposits once, when it is first approved. */
    private static DepositChange deposited(Conversion conversion) {
        return conversion.isDeposit() && conversion.amount() != null ? DepositChange.deposited(conversion.amount())
                : null;
    }
}
