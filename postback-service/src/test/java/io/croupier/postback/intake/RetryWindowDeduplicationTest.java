package io.croupier.postback.intake;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;

import io.croupier.events.ConversionKind;
import io.croupier.events.ConversionReported;
import io.croupier.events.ConversionStatus;
import io.croupier.events.PostbackFormat;
import io.croupier.postback.PostbackServiceTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Seed 003 calls name no transaction: two players registering under one affiliate send the very same URL. Such calls
 * are one fact only within the retry window of the first; a later identical call is another player's event.
 */
class RetryWindowDeduplicationTest extends PostbackServiceTest {

    private static final Duration WINDOW = Duration.ofSeconds(60);

    @Autowired
    PostbackRecorder recorder;

    @Test
    void anIdenticalCallWithinTheRetryWindowIsADuplicateAndOneAfterItIsANewFact() {
        String offerId = unique("house");
        DedupeKey key = new DedupeKey("offer:" + offerId, "registration:joao123:0", "APPROVED", WINDOW);
        Instant first = Instant.now();

        Receipt.Accepted original = record(offerId, key, first);
        Receipt.Accepted retry = record(offerId, key, first.plusSeconds(30));
        Receipt.Accepted anotherPlayer = record(offerId, key, first.plus(WINDOW).plusSeconds(1));
        Receipt.Accepted retryOfTheSecond = record(offerId, key, first.plus(WINDOW).plusSeconds(20));

        assertThat(original.outcome()).isEqualTo(Outcome.SUCCESS);
        assertThat(retry.outcome()).isEqualTo(Outcome.DUPLICATE);
        assertThat(retry.duplicateOf()).isEqualTo(original.logId());
        assertThat(anotherPlayer.outcome()).isEqualTo(Outcome.SUCCESS);
        assertThat(anotherPlayer.logId()).isNotEqualTo(original.logId());
        assertThat(retryOfTheSecond.outcome()).isEqualTo(Outcome.DUPLICATE);
        assertThat(retryOfTheSecond.duplicateOf()).isEqualTo(anotherPlayer.logId());
        delivered(original.logId());
        delivered(anotherPlayer.logId());
    }

    @Test
    void aKeyWithoutRetryWindowStaysADuplicateForever() {
        String offerId = unique("partner");
        DedupeKey key = new DedupeKey("offer:" + offerId, "tx:" + unique("TXN"), "APPROVED");
        Instant first = Instant.now();

        Receipt.Accepted original = record(offerId, key, first);
        Receipt.Accepted muchLater = record(offerId, key, first.plus(Duration.ofDays(30)));

        assertThat(muchLater.outcome()).isEqualTo(Outcome.DUPLICATE);
        assertThat(muchLater.duplicateOf()).isEqualTo(original.logId());
    }

    private Receipt.Accepted record(String offerId, DedupeKey key, Instant receivedAt) {
        InboundCall call = new InboundCall(receivedAt, "127.0.0.1", "GET", "/api/postback/test/registration", null,
                "subid=joao123&amount=0", Map.of("subid", "joao123", "amount", "0"), null, false,
                new InboundCall.SignedParts(Map.of(), Map.of(), new byte[0]));
        ConversionReported.Builder event = ConversionReported.newBuilder()
            .setKind(ConversionKind.REGISTRATION)
            .setStatus(ConversionStatus.APPROVED)
            .setOfferId(offerId)
            .setSubId("joao123")
            .setOccurredAt(receivedAt);
        return recorder.record(call, PostbackFormat.HOUSE_POSTBACK, Conversion.reported(key, event), logId -> {
        });
    }
}
