package io.croupier.postback.intake;

import java.sql.Connection;
import java.sql.Statement;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.stream.IntStream;

import javax.sql.DataSource;

import io.croupier.postback.PostbackServiceTest;
import io.croupier.schemas.Topics;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** The delivery rules every format shares: durable before the 2xx, and one event per fact however often it comes. */
class DurabilityAndDeduplicationTest extends PostbackServiceTest {

    @Autowired
    DataSource dataSource;

    /**
     * The shared test broker cannot be stopped, so the relay is held off instead (it takes this advisory lock before
     * each batch): the answer must not depend on it, and what was accepted meanwhile must arrive once it resumes.
     */
    @Test
    void postbacksAcceptedWhileKafkaIsUnreachableAreDurableAndArriveAfterItReturns() throws Exception {
        TestOffer offer = offer(null, "USD");
        List<Long> logIds;
        try (Connection relayBlocker = dataSource.getConnection()) {
            relayBlocker.setAutoCommit(false);
            try (Statement statement = relayBlocker.createStatement()) {
                statement.execute("select pg_advisory_xact_lock(hashtext(current_schema() || '.outbox'))");
            }

            logIds = IntStream.range(0, 3)
                .mapToObj(i -> get("/postback/" + offer.partnerKey() + "?click_id=" + unique("CLK") + "&payout=1"))
                .peek(answer -> assertThat(answer.status()).isEqualTo(200))
                .map(answer -> Long.parseLong(answer.body().get("log_id").asString()))
                .toList();

            for (long logId : logIds) {
                assertThat(logRow(logId).outcome()).isEqualTo("SUCCESS");
                assertThat(deliveredRecord(logId)).isEmpty();
            }
            assertThat(jdbc.sql("select count(*) from outbox_events where record_key like '%:click:CLK-%'")
                .query(Long.class).single()).isGreaterThanOrEqualTo(3);
            relayBlocker.rollback();
        }

        logIds.forEach(this::delivered);
    }

    @Test
    void concurrentCopiesOfOnePostbackProduceExactlyOneEvent() {
        TestOffer offer = offer(null, "USD");
        String tx = unique("TXN");
        String url = "/postback/" + offer.partnerKey() + "?click_id=" + unique("CLK") + "&payout=5&transaction_id=" + tx;

        List<Answer> answers = IntStream.range(0, 8)
            .mapToObj(i -> CompletableFuture.supplyAsync(() -> get(url)))
            .toList()
            .stream()
            .map(CompletableFuture::join)
            .toList();

        assertThat(answers).allSatisfy(answer -> assertThat(answer.status()).isEqualTo(200));
        assertThat(answers).filteredOn(answer -> !answer.body().get("duplicate").asBoolean()).hasSize(1);
        long accepted = answers.stream()
            .filter(answer -> !answer.body().get("duplicate").asBoolean())
            .mapToLong(answer -> Long.parseLong(answer.body().get("log_id").asString()))
            .findFirst()
            .orElseThrow();
        delivered(accepted);
        assertThat(jdbc.sql("select count(*) from postback_logs where query like :tx and outcome = 'DUPLICATE'")
            .param("tx", "%" + tx + "%").query(Long.class).single()).isEqualTo(7);
        long marker = Long.parseLong(get("/postback/" + offer.partnerKey() + "?click_id=" + unique("CLK")).body()
            .get("log_id").asString());
        delivered(marker);
        assertThat(deliveredWhere(event -> tx.equals(event.getTransactionId()))).hasSize(1);
    }

    @Test
    void aDeletedOfferNoLongerAuthenticates() {
        TestOffer offer = offer(null, "USD");
        kafka.send(Topics.OFFERS.name(), offer.id(), null).join();
        await().until(() -> jdbc.sql("select count(*) from offers where offer_id = :id")
            .param("id", offer.id()).query(Long.class).single() == 0);

        assertThat(get("/postback/" + offer.partnerKey() + "?click_id=CLK-1").status()).isEqualTo(404);
    }
}
