package io.croupier.commission;

import java.time.Instant;
import java.util.Map;
import java.util.UUID;

import io.croupier.events.AttributedConversion;
import io.croupier.events.AttributionMethod;
import io.croupier.events.ConversionKind;
import io.croupier.events.ConversionReported;
import io.croupier.events.ConversionStatus;
import io.croupier.events.Deal;
import io.croupier.events.Money;
import io.croupier.events.Offer;
import io.croupier.events.PayoutTerms;
import io.croupier.events.PostbackFormat;
import io.croupier.events.Publisher;

/** Builders of the input events, with every required field filled and unique ids. */
public final class Events {

    private static long postbackLogId = System.nanoTime() % 1_000_000_000L;

    private Events() {
    }

    public static String uniqueId(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    public static Deal.Builder deal(int version, Instant effectiveFrom, String currency) {
        return Deal.newBuilder().setVersion(version).setEffectiveFrom(effectiveFrom).setCurrency(currency);
    }

    public static Offer offer(String offerId, Deal deal) {
        Instant now = Instant.now();
        return Offer.newBuilder()
            .setOfferId(offerId)
            .setName("Offer " + offerId)
            .setCasinoUrl("https://casino.example/" + offerId)
            .setWeight(1.0)
            .setActive(true)
            .setPostbackSecret("secret-" + offerId)
            .setDeal(deal)
            .setCreatedAt(now)
            .setUpdatedAt(now)
            .build();
    }

    public static Publisher publisher(String publisherId, boolean offerwall, PayoutTerms terms,
            Map<String, PayoutTerms> offerTerms, Instant updatedAt) {
        return Publisher.newBuilder()
            .setPublisherId(publisherId)
            .setName("Publisher " + publisherId)
            .setUsername("user-" + publisherId)
            .setActive(true)
            .setOfferwall(offerwall)
            .setTerms(terms)
            .setOfferTerms(offerTerms)
            .setUpdatedAt(updatedAt)
            .build();
    }

    public static PayoutTerms share(String percent) {
        return new PayoutTerms(percent, null);
    }

    public static PayoutTerms fixed(String amount, String currency) {
        return new PayoutTerms(null, new Money(amount, currency));
    }

    public static ConversionReported.Builder reported(ConversionKind kind, ConversionStatus status) {
        long logId;
        synchronized (Events.class) {
            logId = ++postbackLogId;
        }
        Instant now = Instant.now();
        return ConversionReported.newBuilder()
            .setEventId("postback:" + logId + "-" + UUID.randomUUID())
            .setPostbackLogId(logId)
            .setFormat(PostbackFormat.HOUSE_POSTBACK)
            .setKind(kind)
            .setStatus(status)
            .setOccurredAt(now)
            .setReceivedAt(now);
    }

    public static AttributedConversion.Builder attributed(String offerId, String publisherId,
            ConversionReported reported) {
        return AttributedConversion.newBuilder()
            .setEventId("attributed:" + reported.getEventId())
            .setConversion(reported)
            .setOfferId(offerId)
            .setPublisherId(publisherId)
            .setClickId(reported.getClickId())
            .setPlayerId(reported.getPlayerId())
            .setMethod(AttributionMethod.CLICK_ID)
            .setAttributedAt(reported.getReceivedAt());
    }

    public static Money money(String amount, String currency) {
        return new Money(amount, currency);
    }
}
