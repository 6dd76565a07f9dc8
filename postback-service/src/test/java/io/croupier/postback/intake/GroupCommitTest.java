package io.croupier.postback.intake;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.IntStream;

import io.croupier.events.ConversionKind;
import io.croupier.events.ConversionReported;
import io.croupier.events.ConversionStatus;
import io.croupier.events.PostbackFormat;
import io.croupier.postback.PostbackServiceTest;
import io.croupier.postback.PostbackSettings;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.dao.DataAccessException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/**
 * Group commit: many postbacks share one transaction, and each is still answered only after it is committed, once,
 * with its own outcome. Batches are handed to the committer directly where the test needs to know what one holds.
 */
class GroupCommitTest extends PostbackServiceTest {

    @Autowired
    GroupCommitter committer;

    @Autowired
    PostbackRecorder recorder;

    @Autowired
    PostbackSettings settings;

    @Test
    void manyConcurrentPostbacksAreAllCommittedAndAnsweredOnceEach() throws Exception {
        TestOffer offer = offer(null, "USD");
        String run = unique("GC");
        ExecutorService casinos = Executors.newFixedThreadPool(32);
        try {
            List<Future<Answer>> calls = IntStream.range(0, 640)
                .mapToObj(i -> casinos.submit(() -> get("/postback/" + offer.partnerKey() + "?click_id=" + run + "-" + i
                        + "&payout=2.50&transaction_id=" + run + "-" + i)))
                .toList();
            List<Long> logIds = new ArrayList<>();
            for (Future<Answer> call : calls) {
                Answer answer = call.get();
                assertThat(answer.status()).isEqualTo(200);
                assertThat(answer.body().get("duplicate").asBoolean()).isFalse();
                logIds.add(answer.logId());
            }

            assertThat(logIds).doesNotHaveDuplicates();
            assertThat(jdbc.sql("""
                    select count(*) from postback_logs where outcome = 'SUCCESS' and id in (:ids)
                    and event_id = 'postback:' || id""")
                .param("ids", logIds).query(Long.class).single()).isEqualTo(640);
            assertThat(jdbc.sql("select count(*) from postback_logs where query like :run")
                .param("run", "%" + run + "-%").query(Long.class).single()).isEqualTo(640);
            await().atMost(Duration.ofSeconds(30))
                .until(() -> logIds.stream().allMatch(logId -> deliveredRecord(logId).isPresent()));
        }
        finally {
            casinos.shutdown();
        }
    }

    @Test
    void aFailingPostbackGetsItsOwnAnswerAndTheRestOfItsBatchCommits() {
        String offerId = unique("offer");
        List<GroupCommitter.Pending> batch = List.of(pending(offerId, "A", "ok"), pending(offerId, "B", "ok"),
                pending(offerId, "C", "PostgreSQL refuses a zero byte in text: \u0000"), pending(offerId, "D", "ok"));

        committer.commit(batch);

        assertThat(batch.get(2).receipt()).isCompletedExceptionally();
        assertThatThrownBy(batch.get(2).receipt()::join).hasCauseInstanceOf(DataAccessException.class);
        for (int i : new int[] { 0, 1, 3 }) {
            Receipt.Accepted receipt = batch.get(i).receipt().join();
            assertThat(receipt.outcome()).isEqualTo(Outcome.SUCCESS);
            assertThat(logRow(receipt.logId()).outcome()).isEqualTo("SUCCESS");
            delivered(receipt.logId());
        }
        assertThat(jdbc.sql("select count(*) from postback_dedupe where scope = :scope")
            .param("scope", "offer:" + offerId).query(Long.class).single()).isEqualTo(3);
    }

    @Test
    void twoCopiesOfOnePostbackInOneBatchAreOneAcceptedAndOneDuplicate() {
        String offerId = unique("offer");
        List<GroupCommitter.Pending> batch = List.of(pending(offerId, "A", "ok"), pending(offerId, "B", "ok"),
                pending(offerId, "A", "ok"));

        committer.commit(batch);

        Receipt.Accepted first = batch.get(0).receipt().join();
        Receipt.Accepted copy = batch.get(2).receipt().join();
        assertThat(first.outcome()).isEqualTo(Outcome.SUCCESS);
        assertThat(batch.get(1).receipt().join().outcome()).isEqualTo(Outcome.SUCCESS);
        assertThat(copy.outcome()).isEqualTo(Outcome.DUPLICATE);
        assertThat(copy.duplicateOf()).isEqualTo(first.logId());
        assertThat(copy.eventId()).isEqualTo(first.eventId());
        assertThat(logRow(copy.logId()).duplicateOf()).isEqualTo(first.logId());
        delivered(first.logId());
        assertThat(jdbc.sql("select count(*) from postback_dedupe where scope = :scope")
            .param("scope", "offer:" + offerId).query(Long.class).single()).isEqualTo(2);
    }

    /**
     * Stopping while casinos keep calling: every call is either refused at once (503, nothing recorded) or committed
     * before stop returns; none is left waiting or lost.
     */
    @Test
    void aStoppedCommitterCommitsWhatItQueuedAndRefusesTheRest() throws Exception {
        GroupCommitter stopping = new GroupCommitter(recorder, settings);
        stopping.start();
        String offerId = unique("offer");
        List<CompletableFuture<Receipt.Accepted>> queued = IntStream.range(0, 500)
            .mapToObj(i -> submit(stopping, pending(offerId, "Q" + i, "ok")))
            .toList();
        ExecutorService casinos = Executors.newFixedThreadPool(4);
        List<Future<List<CompletableFuture<Receipt.Accepted>>>> callers = IntStream.range(0, 4)
            .mapToObj(caller -> casinos.submit(() -> {
                List<CompletableFuture<Receipt.Accepted>> taken = new ArrayList<>();
                for (int i = 0;; i++) {
                    try {
                        taken.add(submit(stopping, pending(offerId, "C" + caller + "-" + i, "ok")));
                    }
                    catch (GroupCommitter.Busy refused) {
                        return taken;
                    }
                }
            }))
            .toList();

        stopping.stop();

        List<CompletableFuture<Receipt.Accepted>> accepted = new ArrayList<>(queued);
        for (Future<List<CompletableFuture<Receipt.Accepted>>> caller : callers) {
            accepted.addAll(caller.get());
        }
        casinos.shutdown();
        assertThat(accepted).allSatisfy(receipt -> assertThat(receipt).isCompleted());
        assertThat(jdbc.sql("select count(*) from postback_logs where offer_id = :offer and outcome = 'SUCCESS'")
            .param("offer", offerId).query(Long.class).single()).isEqualTo(accepted.size());
        assertThatThrownBy(() -> submit(stopping, pending(offerId, "late", "ok")))
            .isInstanceOf(GroupCommitter.Busy.class);
    }

    private static CompletableFuture<Receipt.Accepted> submit(GroupCommitter committer, GroupCommitter.Pending call) {
        PostbackToRecord postback = call.postback();
        return committer.submit(postback.call(), postback.format(), postback.conversion(), postback.beforeCommit());
    }

    private static GroupCommitter.Pending pending(String offerId, String transactionId, String body) {
        InboundCall call = new InboundCall(Instant.now(), "127.0.0.1", "POST", "/postback/***", "key", null, Map.of(),
                body, false, null);
        ConversionReported.Builder event = ConversionReported.newBuilder()
            .setKind(ConversionKind.CONVERSION)
            .setStatus(ConversionStatus.APPROVED)
            .setOfferId(offerId)
            .setClickId("CLK-" + transactionId)
            .setTransactionId(transactionId)
            .setCustomFields(Map.of())
            .setOccurredAt(call.receivedAt());
        Conversion conversion = Conversion.reported(new DedupeKey("offer:" + offerId, "tx:" + transactionId,
                "approved"), event);
        return new GroupCommitter.Pending(new PostbackToRecord(call, PostbackFormat.PARTNER_POSTBACK, conversion,
                logId -> {
                }), new CompletableFuture<>());
    }
}
