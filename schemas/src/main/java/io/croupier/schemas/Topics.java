package io.croupier.schemas;

import java.util.List;

import io.croupier.events.AdSpendRecorded;
import io.croupier.events.AttributedConversion;
import io.croupier.events.AuditRecorded;
import io.croupier.events.Click;
import io.croupier.events.ConversionReported;
import io.croupier.events.LedgerEntryRecorded;
import io.croupier.events.Offer;
import io.croupier.events.OfferPerformance;
import io.croupier.events.OfferWeights;
import io.croupier.events.PayoutDue;
import io.croupier.events.Publisher;
import io.croupier.events.PurchaseConfirmed;

/**
 * The immutable catalogue of every topic in the platform. Listeners name their topic with the constant the topic is
 * built from, e.g. {@code @KafkaListener(topics = Topics.Names.CLICKS)}, so a reader (and an IDE) goes from a
 * consumer to the topic and from there to every producer.
 */
public final class Topics {

    /** Each topic's name, spelled once, as constants that annotations accept. */
    public static final class Names {

        public static final String CLICKS = "croupier.clicks";

        public static final String CONVERSIONS_REPORTED = "croupier.conversions-reported";

        public static final String ATTRIBUTED_CONVERSIONS = "croupier.attributed-conversions";

        public static final String LEDGER_ENTRIES = "croupier.ledger-entries";

        public static final String PAYOUTS = "croupier.payouts";

        public static final String OFFER_PERFORMANCE = "croupier.offer-performance";

        public static final String OFFERS = "croupier.offers";

        public static final String PUBLISHERS = "croupier.publishers";

        public static final String OFFER_WEIGHTS = "croupier.offer-weights";

        public static final String AUDIT = "croupier.audit";

        public static final String PURCHASE_CONFIRMATIONS = "croupier.purchase-confirmations";

        public static final String AD_SPEND = "croupier.ad-spend";

        private Names() {
        }
    }

    private static final int EVENT_PARTITIONS = 6;

    public static final Topic<String, Click> CLICKS = new Topic<>(Names.CLICKS, String.class, Click.class,
            EVENT_PARTITIONS, false, "click id");

    public static final Topic<String, ConversionReported> CONVERSIONS_REPORTED = new Topic<>(
            Names.CONVERSIONS_REPORTED, String.class, ConversionReported.class, EVENT_PARTITIONS, false,
            "order key: player (offer + player id), else sub id, else conversion, else click id");

    public static final Topic<String, AttributedConversion> ATTRIBUTED_CONVERSIONS = new Topic<>(
            Names.ATTRIBUTED_CONVERSIONS, String.class, AttributedConversion.class, EVENT_PARTITIONS, false,
            "the order key of the conversion it attributes");

    public static final Topic<String, LedgerEntryRecorded> LEDGER_ENTRIES = new Topic<>(Names.LEDGER_ENTRIES,
            String.class, LedgerEntryRecorded.class, EVENT_PARTITIONS, false, "offer id");

    public static final Topic<String, PayoutDue> PAYOUTS = new Topic<>(Names.PAYOUTS, String.class,
            PayoutDue.class, EVENT_PARTITIONS, false, "publisher id");

    public static final Topic<String, OfferPerformance> OFFER_PERFORMANCE = new Topic<>(
            Names.OFFER_PERFORMANCE, String.class, OfferPerformance.class, EVENT_PARTITIONS, false, "offer id");

    public static final Topic<String, Offer> OFFERS = new Topic<>(Names.OFFERS, String.class, Offer.class, 1,
            true, "offer id");

    public static final Topic<String, Publisher> PUBLISHERS = new Topic<>(Names.PUBLISHERS, String.class,
            Publisher.class, 1, true, "publisher id");

    /** Always one record under {@link #CURRENT_WEIGHTS_KEY}: a whole weight set is never seen half-updated. */
    public static final Topic<String, OfferWeights> OFFER_WEIGHTS = new Topic<>(Names.OFFER_WEIGHTS,
            String.class, OfferWeights.class, 1, true, "the constant key " + Topics.CURRENT_WEIGHTS_KEY);

    public static final String CURRENT_WEIGHTS_KEY = "current";

    /** Changes made through operator APIs, from every service; identity-service keeps them. */
    public static final Topic<String, AuditRecorded> AUDIT = new Topic<>(Names.AUDIT, String.class,
            AuditRecorded.class, 3, false, "service:object type:object id");

    /** analytics-service's word that the payment gateway confirmed a deposit; commission-service releases held CPA. */
    public static final Topic<String, PurchaseConfirmed> PURCHASE_CONFIRMATIONS = new Topic<>(
            Names.PURCHASE_CONFIRMATIONS, String.class, PurchaseConfirmed.class, EVENT_PARTITIONS, false,
            "transaction id");

    /** Ad spend per campaign, day and currency, owned by analytics-service; commission-service keeps a replica. */
    public static final Topic<String, AdSpendRecorded> AD_SPEND = new Topic<>(Names.AD_SPEND, String.class,
            AdSpendRecorded.class, 1, true, "<campaign>|<day>|<currency>");

    public static final List<Topic<String, ?>> ALL = List.of(CLICKS, CONVERSIONS_REPORTED, ATTRIBUTED_CONVERSIONS,
            LEDGER_ENTRIES, PAYOUTS, OFFER_PERFORMANCE, OFFERS, PUBLISHERS, OFFER_WEIGHTS, AUDIT,
            PURCHASE_CONFIRMATIONS, AD_SPEND);

    private Topics() {
    }
}
