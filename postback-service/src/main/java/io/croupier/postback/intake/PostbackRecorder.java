package io.croupier.postback.intake;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.Optional;
import java.util.function.LongConsumer;

import io.croupier.events.ConversionReported;
import io.croupier.events.PostbackFormat;
import io.croupier.runtime.outbox.Outbox;
import io.croupier.schemas.Topics;
import org.springframework.http.HttpStatus;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * Makes an accepted postback durable: the dedupe row, the log row and the outgoing event commit together, before the
 * sender gets its answer. The dedupe row is claimed first with the log id it will carry, so two concurrent copies of
 * one postback serialise on the unique key and exactly one becomes an event.
 */
@Component
class PostbackRecorder {

    private final JdbcClient jdbc;

    private final PostbackLog log;

    private final Outbox outbox;

    PostbackRecorder(JdbcClient jdbc, PostbackLog log, Outbox outbox) {
        this.jdbc = jdbc;
        this.log = log;
        this.outbox = outbox;
    }

    @Transactional
    Receipt.Accepted record(InboundCall call, PostbackFormat format, Conversion conversion, LongConsumer beforeCommit) {
        if (conversion.signedMessage() != null) {
            claim(conversion.signedMessage(), call.receivedAt());
        }
        if (conversion.isTest()) {
            long logId = log.write(null, call, format, Outcome.TEST, "test postback: logged, moves no money",
                    conversion.offerId(), null, null);
            return new Receipt.Accepted(logId, Outcome.TEST, null, null, conversion);
        }
        DedupeKey dedupe = conversion.dedupe();
        Long claimed = dedupe.retryWindow() == null ? claim(dedupe, dedupe.key(), null)
                : claimUnlessRetried(dedupe, call.receivedAt());
        if (claimed == null) {
            long original = originalOf(dedupe, call.receivedAt());
            String originalEventId = eventId(original);
            long logId = log.write(null, call, format, Outcome.DUPLICATE, "repeat of postback " + original,
                    conversion.offerId(), null, original);
            return new Receipt.Accepted(logId, Outcome.DUPLICATE, originalEventId, original, conversion);
        }
        ConversionReported event = conversion.event()
            .setEventId(eventId(claimed))
            .setPostbackLogId(claimed)
            .setFormat(format)
            .setConversionId(dedupe.conversionId())
            .setReceivedAt(call.receivedAt())
            .build();
        event.setOrderKey(OrderKey.of(event));
        log.write(claimed, call, format, Outcome.SUCCESS, null, conversion.offerId(), event.getEventId(), null);
        outbox.append(Topics.CONVERSIONS_REPORTED, event.getOrderKey(), event);
        beforeCommit.accept(claimed);
        return new Receipt.Accepted(claimed, Outcome.SUCCESS, event.getEventId(), null, conversion);
    }

    /**
     * A signed message is accepted once: a copy, concurrent or later, finds the id taken and is refused, and the
     * transaction that would have recorded it rolls back.
     */
    private void claim(SignedMessage message, Instant receivedAt) {
        int claimed = jdbc.sql("""
                insert into inbound_messages (offer_id, message_id, received_at) values (:offer, :message, :at)
                on conflict do nothing""")
            .param("offer", message.offerId())
            .param("message", message.messageId())
            .param("at", Timestamp.from(receivedAt))
            .update();
        if (claimed == 0) {
            throw new Rejection(Outcome.ERROR_SIGNATURE_REPLAYED, HttpStatus.UNAUTHORIZED,
                    "message " + message.messageId() + " was already received: a replayed signature is refused")
                .forOffer(message.offerId());
        }
    }

    /** Claims the key with the log id it will carry; {@code null} when a concurrent or earlier copy holds it. */
    private Long claim(DedupeKey dedupe, String key, Instant receivedAt) {
        return jdbc.sql("""
                insert into postback_dedupe (scope, dedupe_key, status, log_id, fact, claimed_at)
                values (:scope, :key, :status, nextval('postback_logs_id_seq'), :fact, :claimedAt)
                on conflict do nothing
                returning log_id""")
            .param("scope", dedupe.scope())
            .param("key", key)
            .param("status", dedupe.status())
            .param("fact", receivedAt == null ? null : dedupe.key())
            .param("claimedAt", receivedAt == null ? null : Timestamp.from(receivedAt))
            .query(Long.class)
            .optional()
            .orElse(null);
    }

    /**
     * Identical calls of a format without a transaction id: a copy within the retry window of the last claim is the
     * sender's retry, a later one a new fact. Copies of one fact queue on a lock so the window check cannot race.
     */
    private Long claimUnlessRetried(DedupeKey dedupe, Instant receivedAt) {
        jdbc.sql("select pg_advisory_xact_lock(hashtext(:fact))")
            .param("fact", dedupe.scope() + "|" + dedupe.key() + "|" + dedupe.status())
            .query(Object.class)
            .single();
        if (lastClaimWithinWindow(dedupe, receivedAt).isPresent()) {
            return null;
        }
        return claim(dedupe, dedupe.key() + "@" + receivedAt.toEpochMilli(), receivedAt);
    }

    private long originalOf(DedupeKey dedupe, Instant receivedAt) {
        if (dedupe.retryWindow() != null) {
            return lastClaimWithinWindow(dedupe, receivedAt).orElseThrow();
        }
        return jdbc.sql("""
                select log_id from postback_dedupe where scope = :scope and dedupe_key = :key and status = :status""")
            .param("scope", dedupe.scope())
            .param("key", dedupe.key())
            .param("status", dedupe.status())
            .query(Long.class)
            .single();
    }

    private Optional<Long> lastClaimWithinWindow(DedupeKey dedupe, Instant receivedAt) {
        return jdbc.sql("""
                select log_id from postback_dedupe
                where scope = :scope and fact = :fact and status = :status and claimed_at >= :since
                order by claimed_at desc limit 1""")
            .param("scope", dedupe.scope())
            .param("fact", dedupe.key())
            .param("status", dedupe.status())
            .param("since", Timestamp.from(receivedAt.minus(dedupe.retryWindow())))
            .query(Long.class)
            .optional();
    }

    static String eventId(long logId) {
        return "postback:" + logId;
    }
}
