package io.croupier.commission.commissioning;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

import io.croupier.commission.deal.Deal;
import io.croupier.commission.ledger.ConversionReference;
import io.croupier.commission.ledger.LedgerEntry;
import io.croupier.commission.money.Amount;
import io.croupier.commission.publisher.PayoutTerms;
import io.croupier.commission.publisher.PublisherVersion;
import io.croupier.events.ConversionKind;
import io.croupier.events.ConversionStatus;

/**
 * The ledger entries one conversion can write under the deal and the publisher terms in force when it occurred: its
 * own entry and reversals of earlier ones. The caller names the rule and the amounts; this supplies the rest of an
 * entry (ids, deal version, how the conversion was attributed, inputs, the currency of a zero amount) and the
 * publisher's payout for a revenue.
 *
 * @param publisher the publisher's terms, or {@code null} when the conversion has no publisher
 */
record ConversionEntries(Conversion conversion, Deal deal, PublisherVersion publisher, Instant recordedAt) {

    LedgerEntry own(Rule rule, Amount revenue, PublisherPayout payout, Map<String, String> details) {
        Map<String, String> inputs = new LinkedHashMap<>(conversion.describe());
        inputs.putAll(dealInputs());
        if (publisher != null) {
            inputs.put("publisher_terms", publisher.termsFor(conversion.offerId()).describe());
        }
        inputs.putAll(payout.describe(deal.guessedLinks()));
        inputs.putAll(details);
        // Under a sub id (seed 003) only the registration queue tells players apart: a qualifying deposit is then
        // the first of its registration.
        boolean firstDeposit = conversion.status() == ConversionStatus.APPROVED && conversion.isDeposit()
                && (Boolean.TRUE.equals(conversion.firstDeposit()) || rule == Rule.CPA_QUALIFIED);
        return new LedgerEntry(entryId("main"), conversion.eventId(), conversion.postbackLogId(), null, null,
                conversion.conversionKey(), conversion.offerId(), conversion.publisherId(), conversion.clickId(),
                conversion.playerId(), conversion.tracking().getCampaign(), conversion.kind(), conversion.status(),
                rule.name(), deal.version(), revenue, payout.paid(), payout.held(),
                firstDeposit && rule != Rule.ALREADY_APPROVED, conversion.attribution(), reference(), inputs,
                conversion.occurredAt(), recordedAt);
    }

    /** The negation of an earlier entry, caused by this conversion (a rejection, a chargeback). */
    LedgerEntry reversalOf(LedgerEntry reversed) {
        Map<String, String> inputs = new LinkedHashMap<>(conversion.describe());
        inputs.put("reversed_entry", reversed.entryId());
        inputs.put("reversed_rule", reversed.rule());
        return new LedgerEntry(entryId("reverses:" + reversed.entryId()), conversion.eventId(),
                conversion.postbackLogId(), reversed.entryId(), null, conversion.conversionKey(), reversed.offerId(),
                reversed.publisherId(), reversed.clickId(), reversed.playerId(), reversed.campaign(),
                conversion.kind(), conversion.status(), Rule.CLAWBACK.name(), reversed.dealVersion(),
                reversed.revenue().negate(), reversed.publisherPayout().negate(), null, false,
                conversion.attribution(), reference(), inputs, conversion.occurredAt(), recordedAt);
    }

    /**
     * What the publisher earns of a revenue under its terms (nothing without a publisher), paid, held or withheld as
     * the deal says for a guessed link.
     */
    PublisherPayout payoutOf(Amount revenue) {
        PayoutTerms terms = publisher == null ? null : publisher.termsFor(conversion.offerId());
        Amount earned = terms == null ? Amount.zero(revenue.currency()) : terms.payoutFor(revenue);
        return PublisherPayout.of(earned, conversion.attribution().guessed(), deal.guessedLinks());
    }

    /** Zero in the currency this conversion's revenue would be in. */
    Amount zeroRevenue() {
        if (deal.paysReportedPayout() && conversion.reportedPayout() != null) {
            return Amount.zero(conversion.reportedPayout().currency());
        }
        if (conversion.kind() == ConversionKind.PROFIT && conversion.amount() != null) {
            return Amount.zero(conversion.amount().currency());
        }
        return Amount.zero(deal.currency());
    }

    /** Nothing, in the currency the publisher would be paid in. */
    PublisherPayout noPayout() {
        return payoutOf(zeroRevenue());
    }

    /** The end user who earns points with this conversion's payout, when its publisher runs an offerwall. */
    String offerwallUser() {
        return publisher != null && publisher.offerwall() ? conversion.tracking().getSub1() : null;
    }

    private ConversionReference reference() {
        return new ConversionReference(conversion.transactionId(), conversion.externalOfferId(),
                conversion.tracking());
    }

    private Map<String, String> dealInputs() {
        Map<String, String> inputs = new LinkedHashMap<>();
        inputs.put("deal_version", Integer.toString(deal.version()));
        if (deal.cpaAmount() != null) {
            inputs.put("deal_cpa_amount", deal.cpaAmount().toString());
        }
        if (deal.minDeposit() != null) {
            inputs.put("deal_min_deposit", deal.minDeposit().toString());
        }
        if (deal.revSharePercent() != null) {
            inputs.put("deal_rev_share_percent", deal.revSharePercent().toPlainString());
            inputs.put("deal_negative_carry_over", Boolean.toString(deal.negativeCarryOver()));
        }
        if (deal.paysReportedPayout()) {
            inputs.put("deal", "reported payout");
        }
        return inputs;
    }

    /** Deterministic from the input event, so a replay into a fresh instance writes the same ids. */
    private String entryId(String role) {
        byte[] name = (conversion.eventId() + "#" + role).getBytes(StandardCharsets.UTF_8);
        return UUID.nameUUIDFromBytes(name).toString();
    }
}
