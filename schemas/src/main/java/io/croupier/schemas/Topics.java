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
 * The immutable catalogue of every topic in the platform. Listeners reach a name through SpEL, e.g.
 * {@code @KafkaListener(topics = "#{T(io.croupier.schemas.Topics).CLICKS.name()}")}.
 */
public final class Topics {

    private static final int EVENT_PARTITIONS = 6;

    public static final Topic<String, Click> CLICKS = new Topic<>("croupier.clicks", String.class, Click.class,
            EVENT_PARTITIONS, false, "click id");

    public static final Topic<String, ConversionReported> CONVERSIONS_REPORTED = new Topic<>(
            "croupier.conversions-reported", String.class, ConversionReported.class, EVENT_PARTITIONS, false,
            "order key: player (offer + player id), else sub id, else conversion, else click id");

    public static final Topic<String, AttributedConversion> ATTRIBUTED_CONVERSIONS = new Topic<>(
            "croupier.attributed-conversions", String.class, AttributedConversion.class, EVENT_PARTITIONS, false,
            "the order key of the conversion it attributes");

    public static final Topic<String, LedgerEntryRecorded> LEDGER_ENTRIES = new Topic<>("croupier.ledger-entries",
            String.class, LedgerEntryRecorded.class, EVENT_PARTITIONS, false, "offer id");

    public static final Topic<String, PayoutDue> PAYOUTS = new Topic<>("croupier.payouts", String.class,
            PayoutDue.class, EVENT_PARTITIONS, false, "publisher id");

    public static final Topic<String, OfferPerformance> OFFER_PERFORMANCE = new Topic<>(
            "croupier.offer-performance", String.class, OfferPerformance.class, EVENT_PARTITIONS, false, "offer id");

    public static final Topic<String, Offer> OFFERS = new Topic<>("croupier.offers", String.class, Offer.class, 1,
            true, "offer id");

    public static final Topic<String, Publisher> PUBLISHERS = new Topic<>("croupier.publishers", String.class,
            Publisher.class, 1, true, "publisher id");

    /** Always one record under {@link #CURRENT_WEIGHTS_KEY}: a whole weight set is never seen half-updated. */
    public static final Topic<String, OfferWeights> OFFER_WEIGHTS = new Topic<>("croupier.offer-weights",
            String.class, OfferWeights.class, 1, true, "the constant key " + Topics.CURRENT_WEIGHTS_KEY);

    public static final String CURRENT_WEIGHTS_KEY = "current";

    /** Changes made through operator APIs, from every service; identity-service keeps them. */
    public static final Topic<String, AuditRecorded> AUDIT = new Topic<>("croupier.audit", String.class,
            AuditRecorded.class, 3, false, "service:object type:object id");

    /** analytics-service's word that the payment gateway confirmed a deposit; commission-service releases held CPA. */
    public static final Topic<String, PurchaseConfirmed> PURCHASE_CONFIRMATIONS = new Topic<>(
            "croupier.purchase-confirmations", String.class, PurchaseConfirmed.class, EVENT_PARTITIONS, false,
            "transaction id");

    /** Ad spend per campaign, day and currency, owned by analytics-service; commission-service keeps a replica. */
    public static final Topic<String, AdSpendRecorded> AD_SPEND = new Topic<>("croupier.ad-spend", String.class,
            AdSpendRecorded.class, 1, true, "<campaign>|<day>|<currency>");

    public static final List<Topic<String, ?>> ALL = List.of(CLICKS, CONVERSIONS_REPORTED, ATTRIBUTED_CONVERSIONS,
            LEDGER_ENTRIES, PAYOUTS, OFFER_PERFORMANCE, OFFERS, PUBLISHERS, OFFER_WEIGHTS, AUDIT,
            PURCHASE_CONFIRMATIONS, AD_SPEND);

    private Topics() {
    }
}
