package io.croupier.postback.intake;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
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
 * <p>
 * A batch ({@link #recordAll}) is recorded in arrival order in one transaction. Its plain postbacks (unsigned, not a
 * test, with a permanent dedupe key: the bulk of the traffic) are written a run at a time with one statement per
 * table for the dedupe keys and the log rows, then their outbox rows. The others are recorded one by one
 * between those runs, exactly as a postback alone.
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
        return recordOne(call, format, conversion, beforeCommit);
    }

    /**
     * One result per postback, in the batch's order. A refusal (a replayed signature) has written nothing, so the
     * batch commits without it; any other failure rolls the whole batch back.
     */
    @Transactional
    List<Recorded> recordAll(List<PostbackToRecord> batch) {
        List<Recorded> results = new ArrayList<>(batch.size());
        List<PostbackToRecord> run = new ArrayList<>();
        for (PostbackToRecord postback : batch) {
            if (isPlain(postback.conversion())) {
                run.add(postback);
                continue;
            }
            results.addAll(recordRun(run));
            run.clear();
            try {
                results.add(Recorded.accepted(recordOne(postback.call(), postback.format(), postback.conversion(),
                        postback.beforeCommit())));
            }
            catch (Rejection refusal) {
                results.add(Recorded.refused(refusal));
            }
        }
        results.addAll(recordRun(run));
        return results;
    }

    private static boolean isPlain(Conversion conversion) {
        return !conversion.isTest() && conversion.signedMessage() == null && conversion.dedupe().retryWindow() == null;
    }

    /**
     * Plain postbacks, with one statement per table. The keys are claimed in arrival order by one insert, so of two
     * copies in the run the first is claimed and the second is its duplicate, as if they had come one by one.
     */
    private List<Recorded> recordRun(List<PostbackToRecord> run) {
        if (run.isEmpty()) {
            return List.of();
        }
        Map<DedupeKey, Long> claimed = claimAll(run);
        Map<DedupeKey, Long> originals = new HashMap<>(claimed);
        originals.putAll(originalsOf(run.stream().map(postback -> postback.conversion().dedupe())
            .filter(dedupe -> !claimed.containsKey(dedupe)).toList()));
        List<Long> duplicateLogIds = nextLogIds(run.size() - claimed.size());

        Set<DedupeKey> taken = new HashSet<>();
        List<Recorded> results = new ArrayList<>(run.size());
        List<PostbackLog.Entry> rows = new ArrayList<>(run.size());
        List<Map.Entry<String, ConversionReported>> events = new ArrayList<>(claimed.size());
        int duplicates = 0;
        for (PostbackToRecord postback : run) {
            Conversion conversion = postback.conversion();
            DedupeKey identity = conversion.dedupe();
            if (claimed.containsKey(identity) && taken.add(identity)) {
                long logId = claimed.get(identity);
                ConversionReported event = event(postback.call(), postback.format(), conversion, logId);
                rows.add(new PostbackLog.Entry(logId, postback.call(), postback.format(), Outcome.SUCCESS, null,
                        conversion.offerId(), event.getEventId(), null));
                events.add(Map.entry(event.getOrderKey(), event));
                postback.beforeCommit().accept(logId);
                results.add(Recorded.accepted(new Receipt.Accepted(logId, Outcome.SUCCESS, event.getEventId(), null,
                        conversion)));
            }
            else {
                long original = originals.get(identity);
                long logId = duplicateLogIds.get(duplicates++);
                rows.add(new PostbackLog.Entry(logId, postback.call(), postback.format(), Outcome.DUPLICATE,
                        "repeat of postback " + original, conversion.offerId(), null, original));
                results.add(Recorded.accepted(new Receipt.Accepted(logId, Outcome.DUPLICATE, eventId(original),
                        original, conversion)));
            }
        }
        log.writeAll(rows);
        events.forEach(event -> outbox.append(Topics.CONVERSIONS_REPORTED, event.getKey(), event.getValue()));
        return results;
    }

    /** The log id each newly claimed key will carry; a key already held (or repeated in the run) is not in it. */
    private Map<DedupeKey, Long> claimAll(List<PostbackToRecord> run) {
        List<DedupeKey> keys = run.stream().map(postback -> postback.conversion().dedupe()).toList();
        Map<DedupeKey, Long> claimed = new HashMap<>();
        jdbc.sql("""
                insert into postback_dedupe (scope, dedupe_key, status, log_id)
                select scope, dedupe_key, status, nextval('postback_logs_id_seq')
                from unnest(cast(:scopes as text[]), cast(:keys as text[]), cast(:statuses as text[]))
                     with ordinality as claim (scope, dedupe_key, status, arrival)
                order by arrival
                on conflict do nothing
                returning scope, dedupe_key, status, log_id""")
            .param("scopes", keys.stream().map(DedupeKey::scope).toArray(String[]::new))
            .param("keys", keys.stream().map(DedupeKey::key).toArray(String[]::new))
            .param("statuses", keys.stream().map(DedupeKey::status).toArray(String[]::new))
            .query((rs, n) -> claimed.put(new DedupeKey(rs.getString("scope"), rs.getString("dedupe_key"),
                    rs.getString("status")), rs.getLong("log_id")))
            .list();
        return claimed;
    }

    private Map<DedupeKey, Long> originalsOf(List<DedupeKey> keys) {
        Map<DedupeKey, Long> originals = new HashMap<>();
        if (keys.isEmpty()) {
            return originals;
        }
        jdbc.sql("""
                select scope, dedupe_key, status, log_id from postback_dedupe
                where (scope, dedupe_key, status) in (
                    select * from unnest(cast(:scopes as text[]), cast(:keys as text[]), cast(:statuses as text[])))""")
            .param("scopes", keys.stream().map(DedupeKey::scope).toArray(String[]::new))
            .param("keys", keys.stream().map(DedupeKey::key).toArray(String[]::new))
            .param("statuses", keys.stream().map(DedupeKey::status).toArray(String[]::new))
            .query((rs, n) -> originals.put(new DedupeKey(rs.getString("scope"), rs.getString("dedupe_key"),
                    rs.getString("status")), rs.getLong("log_id")))
            .list();
        return originals;
    }

    private List<Long> nextLogIds(int count) {
        if (count == 0) {
            return List.of();
        }
        return jdbc.sql("select nextval('postback_logs_id_seq') from generate_series(1, :count)")
            .param("count", count)
            .query(Long.class)
            .list();
    }

    private static ConversionReported event(InboundCall call, PostbackFormat format, Conversion conversion,
            long logId) {
        ConversionReported event = conversion.event()
            .setEventId(eventId(logId))
            .setPostbackLogId(logId)
            .setFormat(format)
            .setConversionId(conversion.dedupe().conversionId())
            .setReceivedAt(call.receivedAt())
            .build();
        event.setOrderKey(OrderKey.of(event));
        return event;
    }

    private Receipt.Accepted recordOne(InboundCall call, PostbackFormat format, Conversion conversion,
            LongConsumer beforeCommit) {
        SignedMessage message = conversion.signedMessage();
        if (message == null) {
            return recordConversion(call, format, conversion, beforeCommit);
        }
        Optional<FirstCall> first = claim(message, call.receivedAt());
        if (first.isPresent()) {
            return recordResend(call, format, conversion, message, first.get());
        }
        Receipt.Accepted receipt = recordConversion(call, format, conversion, beforeCommit);
        jdbc.sql("update inbound_messages set log_id = :logId where offer_id = :offer and message_id = :message")
            .param("logId", receipt.logId())
            .param("offer", message.offerId())
            .param("message", message.messageId())
            .update();
        return receipt;
    }

    private Receipt.Accepted recordConversion(InboundCall call, PostbackFormat format, Conversion conversion,
            LongConsumer beforeCommit) {
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
        ConversionReported event = event(call, format, conversion, claimed);
        log.write(claimed, call, format, Outcome.SUCCESS, null, conversion.offerId(), event.getEventId(), null);
        outbox.append(Topics.CONVERSIONS_REPORTED, event.getOrderKey(), event);
        beforeCommit.accept(claimed);
        return new Receipt.Accepted(claimed, Outcome.SUCCESS, event.getEventId(), null, conversion);
    }

    /**
     * Claims the message id with a digest of its content. When an earlier call holds it (a concurrent copy's claim
     * waits for that call's transaction), that call is returned if the id was accepted with the same content: this
     * call is its resend. Otherwise the call is a replay, refused, and the transaction that would have recorded it
     * rolls back.
     */
    private Optional<FirstCall> claim(SignedMessage message, Instant receivedAt) {
        int claimed = jdbc.sql("""
                insert into inbound_messages (offer_id, message_id, received_at, content_digest)
                values (:offer, :message, :at, :digest)
                on conflict do nothing""")
            .param("offer", message.offerId())
            .param("message", message.messageId())
            .param("at", Timestamp.from(receivedAt))
            .param("digest", message.contentDigest())
            .update();
        if (claimed == 1) {
            return Optional.empty();
        }
        // A claim from before resends were told apart has no digest: it stays a replay.
        FirstCall first = jdbc.sql("""
                select message.log_id, message.content_digest, log.duplicate_of, log.event_id
                from inbound_messages message
                left join postback_logs log on log.id = message.log_id and log.received_at = message.received_at
                where message.offer_id = :offer and message.message_id = :message""")
            .param("offer", message.offerId())
            .param("message", message.messageId())
            .query((rs, n) -> new FirstCall((Long) rs.getObject("log_id"), rs.getString("content_digest"),
                    (Long) rs.getObject("duplicate_of"), rs.getString("event_id")))
            .optional()
            .filter(call -> call.logId() != null && message.contentDigest().equals(call.contentDigest()))
            .orElseThrow(() -> new Rejection(Outcome.ERROR_SIGNATURE_REPLAYED, HttpStatus.UNAUTHORIZED,
                    "message " + message.messageId()
                            + " was already received with other content: a replayed signature is refused")
                .forOffer(message.offerId()));
        return Optional.of(first);
    }

    /**
     * The sender's resend of a message already accepted: answered as a duplicate of the postback the first call was
     * (itself, or the original it repeated), and it moves no money, even for a format whose duplicates are told only
     * within a retry window: the message id says it is the same call.
     */
    private Receipt.Accepted recordResend(InboundCall call, PostbackFormat format, Conversion conversion,
            SignedMessage message, FirstCall first) {
        long original = first.duplicateOf() != null ? first.duplicateOf() : first.logId();
        String originalEventId = first.duplicateOf() != null ? eventId(original) : first.eventId();
        long logId = log.write(null, call, format, Outcome.DUPLICATE,
                "resend of message " + message.messageId() + ", repeat of postback " + original,
                conversion.offerId(), null, original);
        return new Receipt.Accepted(logId, Outcome.DUPLICATE, originalEventId, original, conversion);
    }

    /**
     * The call that first claimed a message id: its log row, the digest of its content, and what that row says of
     * it (the original it repeated, the event it produced).
     */
    private record FirstCall(Long logId, String contentDigest, Long duplicateOf, String eventId) {
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
