package io.croupier.attribution;

import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;

import io.croupier.embedded.TopicRecords;
import io.croupier.events.AttributedConversion;
import io.croupier.events.Click;
import io.croupier.events.ConversionKind;
import io.croupier.events.ConversionReported;
import io.croupier.events.ConversionStatus;
import io.croupier.events.Money;
import io.croupier.events.OfferPerformance;
import io.croupier.events.PayoutTerms;
import io.croupier.events.PostbackFormat;
import io.croupier.events.Publisher;
import io.croupier.events.Tracking;
import io.croupier.schemas.Topics;

/**
 * Builders for input events with unique ids, since every test shares one broker and one database, and look-ups of
 * what the service published.
 */
public final class TestEvents {

    private static final AtomicLong POSTBACK_LOG_IDS = new AtomicLong(System.currentTimeMillis() * 1000);

    public static String unique(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 13);
    }

    public static Click.Builder click(String offerId, String publisherId) {
        return click(offerId, publisherId, tracking());
    }

    public static Click.Builder click(String offerId, String publisherId, Tracking.Builder tracking) {
        return Click.newBuilder()
            .setClickId(unique("clk"))
            .setOfferId(offerId)
            .setPublisherId(publisherId)
            .setTracking(tracking.build())
            .setIp("203.0.113.7")
            .setUserAgent("Mozilla/5.0")
            .setOccurredAt(Instant.now());
    }

    /** A click id as click-service makes it: a ULID of the click's millisecond, the rest random. */
    public static String ulid(Instant at) {
        String alphabet = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";
        char[] id = new char[26];
        long millis = at.toEpochMilli();
        for (int i = 9; i >= 0; i--) {
            id[i] = alphabet.charAt((int) (millis & 31));
            millis >>>= 5;
        }
        for (int i = 10; i < 26; i++) {
            id[i] = alphabet.charAt(ThreadLocalRandom.current().nextInt(32));
        }
        return new String(id);
    }

    public static Tracking.Builder tracking() {
        return Tracking.newBuilder().setSource("google").setCampaign("spring-promo").setSub1("s1").setSub3("s3");
    }

    public static ConversionReported.Builder conversion(ConversionKind kind) {
        long logId = POSTBACK_LOG_IDS.incrementAndGet();
        return ConversionReported.newBuilder()
            .setEventId("postback:" + logId)
            .setPostbackLogId(logId)
            .setFormat(PostbackFormat.GAMING_WEBHOOK)
            .setKind(kind)
            .setStatus(ConversionStatus.APPROVED)
            .setOccurredAt(Instant.now())
            .setReceivedAt(Instant.now());
    }

    public static Money money(String amount, String currency) {
        return new Money(amount, currency);
    }

    public static Publisher publisher(String publisherId, String username) {
        return Publisher.newBuilder()
            .setPublisherId(publisherId)
            .setName("Publisher " + username)
            .setUsername(username)
            .setActive(true)
            .setTerms(PayoutTerms.newBuilder().setRevSharePercent("80").build())
            .setUpdatedAt(Instant.now())
            .build();
    }

    private TestEvents() {
    }

    /** Every attributed conversion published for the conversion of this event id (more than one would be a bug). */
    public static List<AttributedConversion> attributed(String conversionEventId) {
        return TopicRecords.of(Topics.ATTRIBUTED_CONVERSIONS)
            .values(attributed -> attributed.getConversion().getEventId().equals(conversionEventId));
    }

    /** The latest revision published of each window of the offer. */
    public static List<OfferPerformance> latestWindows(String offerId) {
        Map<Instant, OfferPerformance> latest = new HashMap<>();
        for (OfferPerformance window : TopicRecords.of(Topics.OFFER_PERFORMANCE)
            .values(window -> window.getOfferId().equals(offerId))) {
            latest.merge(window.getWindowStart(), window, (a, b) -> a.getRevision() >= b.getRevision() ? a : b);
        }
        return List.copyOf(latest.values());
    }
}
