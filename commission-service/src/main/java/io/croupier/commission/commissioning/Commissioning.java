package io.croupier.commission.conversion;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import java.util.UUID;

import io.croupier.commission.conversion.Assessment.Effect;
import io.croupier.commission.deal.Deal;
import io.croupier.commission.deal.DealVersions;
import io.croupier.commission.ledger.Ledger;
import io.croupier.commission.ledger.LedgerEntry;
import io.croupier.commission.ltv.CustomerLtvs;
import io.croupier.commission.money.Amount;
import io.croupier.commission.points.UserPoints;
import io.croupier.commission.publisher.PayoutTerms;
import io.croupier.commission.publisher.PublisherVersion;
import io.croupier.commission.publisher.PublisherVersions;
import io.croupier.events.AttributedConversion;
import io.croupier.events.ConversionKind;
import io.croupier.events.ConversionStatus;
import io.croupier.events.PayoutDue;
import io.croupier.runtime.inbox.Inbox;
import io.croupier.runtime.outbox.Outbox;
import io.croupier.schemas.Topics;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Turns one attributed conversion into ledger entries, in one transaction with the inbox check and the outbox events:
 * exactly one entry for the conversion itself (even when it earns nothing: its rule says why) and one reversal per
 * earlier entry it undoes. Seed 004's statuses: pending earns nothing yet, approved earns once, rejected earns nothing
 * and claws back an earlier approval; a chargeback claws back its deposit.
 */
@Service
public class Commissioning {

    static final String CONSUMER = "commission-service.attributed-conversions";

    private final Inbox inbox;

    private final Outbox outbox;

    private final JdbcClient jdbc;

    private final DealVersions deals;

    private final PublisherVersions publishers;

    private final PlayerHistory history;

    private final Ledger ledger;

    private final UserPoints points;

    private final CustomerLtvs ltvs;

    Commissioning(Inbox inbox, Outbox outbox, JdbcClient jdbc, DealVersions deals, PublisherVersions publishers,
            PlayerHistory history, Ledger ledger, UserPoints points, CustomerLtvs ltvs) {
        this.inbox = inbox;
        this.outbox = outbox;
        this.jdbc = jdbc;
        this.deals = deals;
        this.publishers = publishers;
        this.history = history;
        this.ledger = ledger;
        this.points = points;
        this.ltvs = ltvs;
    }

    @Transactional
    public void apply(AttributedConversion attributed) {
        if (!inbox.firstDelivery(CONSUMER, attributed.getEventId())) {
            return;
        }
        Conversion conversion = Conversion.of(attributed);
        Deal deal = deals.inForce(conversion.offerId(), conversion.occurredAt());
        PublisherVersion publisher = conversion.publisherId() == null ? null
                : publishers.inForce(conversion.publisherId(), conversion.occurredAt());
        lock(conversion);
        Decision decision = new Decision(conversion, deal, publisher);
        switch (conversion.status()) {
            case APPROVED -> decision.approve();
            case PENDING -> decision.pend();
            case REJECTED -> decision.reject();
        }
    }

    /**
     * Events of one player arrive in order on one partition, but a conversion's status changes may be keyed
     * differently; transaction-scoped advisory locks on the conversion and the player serialise them, taken in a
     * fixed order so two transactions cannot deadlock.
     */
    private void lock(Conversion conversion) {
        TreeSet<String> keys = new TreeSet<>();
        if (conversion.conversionKey() != null) {
            keys.add("conversion:" + conversion.conversionKey());
        }
        if (conversion.chargedBackDepositKey() != null) {
            keys.add("conversion:" + conversion.chargedBackDepositKey());
        }
        if (conversion.playerKey() != null) {
            keys.add("player:" + conversion.offerId() + ":" + conversion.playerKey());
        }
        for (String key : keys) {
            jdbc.sql("select pg_advisory_xact_lock(hashtextextended(:key, 0))").param("key", key).query().singleRow();
        }
    }

    /** The decision for one conversion, and the entries, events, points and LTV changes it writes. */
    private final class Decision {

        private final Conversion conversion;

        private final Deal deal;

        private final PublisherVersion publisher;

        private final Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);

        Decision(Conversion conversion, Deal deal, PublisherVersion publisher) {
            this.conversion = conversion;
            this.deal = deal;
            this.publisher = publisher;
        }

        void approve() {
            if (conversion.kind() == ConversionKind.CHARGEBACK) {
                chargeBack();
                return;
            }
            Optional<LedgerEntry> settled = ledger.settling(conversion.conversionKey());
            if (settled.isPresent()) {
                record(main(Rule.ALREADY_APPROVED, zero(), zeroPayout(),
                        Map.of("settled_by", settled.get().entryId())));
                return;
            }
            Assessment assessment = assess();
            Amount payout = payoutFor(assessment.revenue());
            LedgerEntry entry = record(main(assessment.rule(), assessment.revenue(), payout, assessment.details()));
            applyEffects(assessment, entry);
            if (conversion.playerId() != null && conversion.isDeposit() && conversion.amount() != null) {
                ltvs.deposited(conversion.offerId(), conversion.playerId(), conversion.amount(), now);
            }
            if (publisher != null && publisher.offerwall() && conversion.tracking().getSub1() != null && payout.isPositive()) {
                points.credit(entry.entryId(), publisher.publisherId(), conversion.tracking().getSub1(), payout.value(), now);
            }
            forwardIfPaid(entry);
        }

        void pend() {
            Optional<LedgerEntry> settled = ledger.settling(conversion.conversionKey());
            if (settled.isPresent()) {
                record(main(Rule.PENDING_AFTER_APPROVAL_IGNORED, zero(), zeroPayout(),
                        Map.of("settled_by", settled.get().entryId())));
                return;
            }
            Assessment prospect = assess();
            Amount prospectivePayout = payoutFor(prospect.revenue());
            Map<String, String> details = new LinkedHashMap<>();
            details.put("prospective_rule", prospect.rule().name());
            details.put("prospective_revenue", prospect.revenue().toString());
            details.put("prospective_payout", prospectivePayout.toString());
            LedgerEntry entry = record(main(Rule.PENDING, zero(prospect.revenue()),
                    Amount.zero(prospectivePayout.currency()), details));
            // Seed 004 scenario 2: the publisher hears of the pending conversion, with what it will pay if approved.
            forward(entry, prospectivePayout);
        }

        void reject() {
            Optional<LedgerEntry> settled = ledger.settling(conversion.conversionKey());
            if (settled.isEmpty()) {
                LedgerEntry entry = record(main(Rule.REJECTED, zero(), zeroPayout(), Map.of()));
                forward(entry, entry.publisherPayout());
                return;
            }
            record(main(Rule.REJECTED, zero(settled.get().revenue()), Amount.zero(settled.get().publisherPayout()
                .currency()), Map.of()));
            forward(reverse(settled.get()), null);
        }

        private void chargeBack() {
            Optional<LedgerEntry> deposit = ledger.settling(conversion.chargedBackDepositKey());
            Rule rule = deposit.isPresent() ? Rule.CHARGEBACK : Rule.CHARGEBACK_WITHOUT_RECORDED_DEPOSIT;
            record(main(rule, zero(), zeroPayout(), Map.of()));
            if (conversion.playerId() != null && conversion.amount() != null) {
                ltvs.chargedBack(conversion.offerId(), conversion.playerId(), conversion.amount(), now);
            }
            deposit.ifPresent(paid -> {
                LedgerEntry reversal = reverse(paid);
                if (!reversal.publisherPayout().isZero()) {
                    forward(reversal, null);
                }
            });
        }

        private Assessment assess() {
            String currency = conversion.amount() != null ? conversion.amount().currency() : deal.currency();
            PlayerState player = history.state(conversion.offerId(), conversion.playerKey(), currency);
            return CommissionRules.assess(conversion, deal, player);
        }

        private void applyEffects(Assessment assessment, LedgerEntry entry) {
            String playerKey = conversion.playerKey();
            if (assessment.effect() == Effect.RECORD_REGISTRATION) {
                history.recordRegistration(conversion.offerId(), playerKey, conversion.eventId(),
                        conversion.occurredAt());
            }
            if (assessment.effect() == Effect.QUALIFY_REGISTRATION) {
                history.qualifyOldestRegistration(conversion.offerId(), playerKey, entry.entryId());
            }
            if (assessment.carriedLossAfter() != null) {
                history.carryLoss(conversion.offerId(), playerKey, assessment.carriedLossAfter());
            }
        }

        private LedgerEntry reverse(LedgerEntry reversed) {
            Map<String, String> details = new LinkedHashMap<>(conversion.describe());
            details.put("reversed_entry", reversed.entryId());
            details.put("reversed_rule", reversed.rule());
            LedgerEntry reversal = new LedgerEntry(entryId("reverses:" + reversed.entryId()), conversion.eventId(),
                    reversed.entryId(), conversion.conversionKey(), reversed.offerId(), reversed.publisherId(),
                    reversed.clickId(), reversed.playerId(), reversed.campaign(), conversion.kind(),
                    conversion.status(), Rule.CLAWBACK.name(), reversed.dealVersion(), reversed.revenue().negate(),
                    reversed.publisherPayout().negate(), false, details, conversion.occurredAt(), now);
            record(reversal);
            points.reverse(reversed.entryId(), reversal.entryId(), now);
            return reversal;
        }

        private LedgerEntry main(Rule rule, Amount revenue, Amount payout, Map<String, String> details) {
            Map<String, String> inputs = new LinkedHashMap<>(conversion.describe());
            inputs.putAll(dealInputs());
            if (publisher != null) {
                inputs.put("publisher_terms", publisher.termsFor(conversion.offerId()).describe());
            }
            inputs.putAll(details);
            boolean firstDeposit = conversion.status() == ConversionStatus.APPROVED && conversion.isDeposit()
                    && (conversion.kind() == ConversionKind.FTD || Boolean.TRUE.equals(conversion.firstDeposit())
                            || rule == Rule.CPA_QUALIFIED);
            return new LedgerEntry(entryId("main"), conversion.eventId(), null, conversion.conversionKey(),
                    conversion.offerId(), conversion.publisherId(), conversion.clickId(), conversion.playerId(),
                    conversion.tracking().getCampaign(), conversion.kind(), conversion.status(), rule.name(), deal.version(),
                    revenue, payout, firstDeposit && rule != Rule.ALREADY_APPROVED, inputs, conversion.occurredAt(),
                    now);
        }

        private LedgerEntry record(LedgerEntry entry) {
            ledger.append(entry);
            outbox.append(Topics.LEDGER_ENTRIES, entry.offerId(), entry.toEvent());
            if (!entry.revenue().isZero() && entry.playerId() != null) {
                ltvs.earned(entry.offerId(), entry.playerId(), entry.revenue(), now);
            }
            return entry;
        }

        private void forwardIfPaid(LedgerEntry entry) {
            if (!entry.publisherPayout().isZero()) {
                forward(entry, entry.publisherPayout());
            }
        }

        /** Emits the payout for the publisher-forwarder; {@code amount} null means the entry's own payout. */
        private void forward(LedgerEntry entry, Amount amount) {
            if (entry.publisherId() == null) {
                return;
            }
            PayoutDue payout = PayoutDue.newBuilder()
                .setEventId("payout:" + entry.entryId())
                .setPublisherId(entry.publisherId())
                .setOfferId(entry.offerId())
                .setClickId(entry.clickId())
                .setTransactionId(conversion.transactionId())
                .setExternalOfferId(conversion.externalOfferId())
                .setEvent(conversion.kind())
                .setStatus(conversion.status())
                .setPayout((amount == null ? entry.publisherPayout() : amount).toEvent())
                .setTracking(conversion.tracking())
                .setReverses(entry.reverses())
                .setOccurredAt(conversion.occurredAt())
                .build();
            outbox.append(Topics.PAYOUTS, entry.publisherId(), payout);
        }

        private Amount payoutFor(Amount revenue) {
            PayoutTerms terms = publisher == null ? null : publisher.termsFor(conversion.offerId());
            return terms == null ? Amount.zero(revenue.currency()) : terms.payoutFor(revenue);
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

        /** Zero in the currency this conversion's revenue would be in. */
        private Amount zero() {
            if (deal.paysReportedPayout() && conversion.reportedPayout() != null) {
                return Amount.zero(conversion.reportedPayout().currency());
            }
            if (conversion.kind() == ConversionKind.PROFIT && conversion.amount() != null) {
                return Amount.zero(conversion.amount().currency());
            }
            return Amount.zero(deal.currency());
        }

        private Amount zero(Amount like) {
            return Amount.zero(like.currency());
        }

        private Amount zeroPayout() {
            return payoutFor(zero());
        }

        /** Deterministic from the input event, so a replay into a fresh instance writes the same ids. */
        private String entryId(String role) {
            byte[] name = (conversion.eventId() + "#" + role).getBytes(StandardCharsets.UTF_8);
            return UUID.nameUUIDFromBytes(name).toString();
        }
    }
}
