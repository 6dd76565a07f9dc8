package io.croupier.localstack;

import java.net.http.HttpResponse;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;

import io.croupier.schemas.Topics;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.kafka.listener.MessageListenerContainer;
import tools.jackson.databind.JsonNode;

import static io.croupier.localstack.TestPlatform.JSON;
import static io.croupier.localstack.TestPlatform.PATIENCE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Issue 17's money defect, through the real services: a casino's later status of a conversion must never overtake
 * an earlier one, whatever waits. The casino sends each call only after the previous one was answered, as in the
 * fault injection; the click reaches attribution-service late, or only after the first report had to wait for it.
 */
@ExtendWith(TestPlatform.Shared.class)
class StatusOrderEndToEndTest {

    private static TestPlatform platform;

    private static JsonNode publisher;

    private final String run = UUID.randomUUID().toString().substring(0, 8);

    @BeforeAll
    static void platform(TestPlatform shared) {
        platform = shared;
        publisher = shared.publisherNamed("joao123");
    }

    @Test
    void approvedThenRejectedWithTheClickArrivingLateLeavesThePublisherPaidNothing() {
        JsonNode offer = partnerOffer();
        String click = whileClicksWait(() -> {
            String late = TestPlatform.clickId(platform.get(clickUrl(offer)));
            answer(postback(offer, "click_id=" + late + "&status=approved&payout=33.24&transaction_id=TXN-" + run));
            answer(postback(offer, "click_id=" + late + "&status=rejected&payout=0&transaction_id=TXN-" + run));
            return late;
        });

        assertNeverPaid(offer, click);
    }

    @Test
    void anApprovalWaitingForItsFallbackMatchIsNotOvertakenByTheRejectionThatNamesTheClick() {
        JsonNode offer = offerWithoutClicks();
        String transaction = "TXN-" + run;
        String click = whileClicksWait(() -> {
            String late = TestPlatform.clickId(platform.get(clickUrl(offer)));
            // No click of the offer is stored yet, so the approval waits for the fallback to find one.
            answer(postback(offer, "offer_id=SURVEY-" + run + "&status=approved&payout=33.24&transaction_id="
                    + transaction));
            return late;
        });
        await().atMost(PATIENCE).until(() -> platform.read(platform.url(PlatformService.ATTRIBUTION) + "/clicks/"
                + click).statusCode() == 200);

        answer(postback(offer, "click_id=" + click + "&status=rejected&payout=0&transaction_id=" + transaction));

        assertNeverPaid(offer, click);
    }

    @Test
    void pendingThenApprovedWithTheClickArrivingLateReachTheLedgerAndThePublisherInThatOrder() {
        JsonNode offer = partnerOffer();
        long[] logIds = new long[2];
        whileClicksWait(() -> {
            String late = TestPlatform.clickId(platform.get(clickUrl(offer)));
            String pending = "click_id=" + late + "&status=pending&payout=10.00&transaction_id=TXN-" + run;
            logIds[0] = logId(answer(postback(offer, pending)));
            logIds[1] = logId(answer(postback(offer, pending.replace("status=pending", "status=approved"))));
            return late;
        });

        JsonNode pending = platform.ledgerOf(logIds[0]).get(0);
        JsonNode approved = platform.ledgerOf(logIds[1]).get(0);
        assertThat(pending.path("rule").asString()).as("not ignored as a pending report after approval")
            .isEqualTo("PENDING");
        assertThat(approved.path("rule").asString()).isEqualTo("REPORTED_PAYOUT");
        assertThat(approved.path("publisher_payout").path("amount").asString()).isEqualTo("8.00");
        DemoPublisher.ReceivedPostback pendingNotice = platform.forwarded(pending);
        DemoPublisher.ReceivedPostback payment = platform.forwarded(approved);
        assertThat(pendingNotice.uri()).contains("status=pending", "payout=8.00");
        assertThat(payment.uri()).contains("status=approved", "payout=8.00");
    }

    /** The approval and the rejection reached the ledger in the casino's order: paid, then taken back. */
    private void assertNeverPaid(JsonNode offer, String click) {
        JsonNode conversion = await().atMost(PATIENCE).until(() -> conversionOf(offer, click),
                found -> found != null && found.path("reversals").size() == 1);
        JsonNode approval = conversion.path("entry");
        JsonNode clawback = conversion.path("reversals").get(0);
        assertThat(approval.path("status").asString()).isEqualTo("APPROVED");
        assertThat(approval.path("rule").asString()).isEqualTo("REPORTED_PAYOUT");
        assertThat(approval.path("publisher_payout").path("amount").asString()).isEqualTo("26.59");
        assertThat(clawback.path("rule").asString()).isEqualTo("CLAWBACK");
        assertThat(clawback.path("status").asString()).isEqualTo("REJECTED");
        assertThat(conversion.path("net_publisher_payout").path("amount").asString()).isEqualTo("0.00");
        assertThat(conversion.path("net_revenue").path("amount").asString()).isEqualTo("0.00");
        assertThat(platform.forwarded(approval).uri()).contains("status=approved", "payout=26.59");
        assertThat(platform.forwarded(clawback).uri()).contains("status=rejected", "payout=-26.59");
    }

    private JsonNode conversionOf(JsonNode offer, String click) {
        JsonNode conversions = JSON.readTree(platform.read(platform.url(PlatformService.COMMISSION)
                + "/conversions?offer_id=" + offer.path("id").asString()).body());
        for (JsonNode conversion : conversions.path("items")) {
            if (click.equals(conversion.path("entry").path("click_id").asString())
                    && "APPROVED".equals(conversion.path("entry").path("status").asString())) {
                return conversion;
            }
        }
        return null;
    }

    /**
     * Runs {@code calls} while attribution-service does not consume clicks, so every click made meanwhile reaches it
     * after the conversions reported meanwhile; then lets the clicks through.
     */
    private static String whileClicksWait(Callable<String> calls) {
        MessageListenerContainer clicks = platform.attributionListenerOf(Topics.CLICKS);
        clicks.pause();
        await().atMost(PATIENCE).until(clicks::isContainerPaused);
        try {
            return calls.call();
        }
        catch (Exception e) {
            throw new IllegalStateException(e);
        }
        finally {
            clicks.resume();
        }
    }

    /** A seed 004 partner offer of its own with a reported-payout deal, and a stored click of the publisher on it. */
    private JsonNode partnerOffer() {
        JsonNode offer = offerWithoutClicks();
        platform.click(offer, publisher, "");
        return offer;
    }

    private JsonNode offerWithoutClicks() {
        // A click elsewhere first: click-service then surely knows the publisher.
        platform.click(platform.offer("MoustacheLeads Surveys"), publisher, "");
        JsonNode offer = platform.create(PlatformService.CLICK, "/admin/offers", Map.of(
                "name", "Order " + run,
                "casino_url", "https://order.example/offer?click_id={click_id}",
                "partner_key", "order-" + run,
                "deal", Map.of("currency", "USD")));
        // postback-service learns the offer's key from its topic: a test postback (no money) says when it has.
        await().atMost(PATIENCE).until(() -> postback(offer, "click_id=TEST-INTEGRATION-001&status=test&payout=1.00")
            .statusCode() == 200);
        return offer;
    }

    private String clickUrl(JsonNode offer) {
        return platform.edgeUrl() + "/click?offer=" + offer.path("id").asString() + "&pub=joao123";
    }

    private HttpResponse<String> postback(JsonNode offer, String query) {
        return platform.get(platform.edgeUrl() + "/postback/" + offer.path("partner_key").asString() + "?" + query);
    }

    private static JsonNode answer(HttpResponse<String> response) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return JSON.readTree(response.body());
    }

    private static long logId(JsonNode answer) {
        return Long.parseLong(answer.path("log_id").asString());
    }
}
