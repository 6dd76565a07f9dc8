package io.croupier.forwarder.delivery;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

import io.croupier.embedded.ServiceHttp;
import io.croupier.events.PayoutDue;
import io.croupier.forwarder.ForwarderIntegrationTest;
import io.croupier.forwarder.PublisherReceiver;
import io.croupier.forwarder.PublisherReceiver.Reply;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The admin's delivery lists, a publisher's deliveries and the dead letters (one publisher's and everyone's): newest
 * first, paged by the platform's cursor, each delivery on exactly one page.
 */
class DeliveryLogPagingTest extends ForwarderIntegrationTest {

    private static final int PAYOUTS_PER_PUBLISHER = 2;

    private final PublisherReceiver receiver = PublisherReceiver.start();

    private ServiceHttp manager;

    @BeforeEach
    void manager() {
        manager = new ServiceHttp(port, ServiceHttp.manager());
    }

    @AfterEach
    void stopReceiver() {
        receiver.close();
    }

    /**
     * Two deliveries per publisher, so that their eight failed attempts stay under the circuit breaker's minimum and
     * every delivery dies on schedule; pages of one delivery make each publisher's lists two pages long.
     */
    @Test
    void aPublishersDeliveriesAndDeadLettersArePagedNewestFirstEachOnce() {
        receiver.always(Reply.status(503));
        long publisher = createPublisher(receiver.url("/postback?click_id={click_id}"), "GET").id();
        long other = createPublisher(receiver.url("/postback?click_id={click_id}"), "GET").id();
        List<String> newestFirst = sendOneAfterAnother(publisher);
        List<String> others = sendOneAfterAnother(other);
        await().atMost(DELIVERED_WITHIN).until(() -> Stream.concat(newestFirst.stream(), others.stream())
            .allMatch(id -> "DEAD".equals(state(id))));

        List<JsonNode> deliveries = walk("/admin/publishers/" + publisher + "/deliveries", 1);
        List<JsonNode> dead = walk("/admin/publishers/" + publisher + "/dead-letters", 1);
        List<JsonNode> everyonesDead = walk("/admin/deliveries/dead-letters", 3);

        assertThat(ids(deliveries)).as("received newest first, each once").containsExactlyElementsOf(newestFirst);
        assertThat(ids(dead)).containsExactlyInAnyOrderElementsOf(newestFirst);
        assertThat(dead).extracting(delivery -> Instant.parse(delivery.path("dead_at").asString()))
            .isSortedAccordingTo(Comparator.reverseOrder());
        assertThat(ids(everyonesDead)).doesNotHaveDuplicates().containsAll(newestFirst).containsAll(others);
        assertThat(everyonesDead).extracting(delivery -> Instant.parse(delivery.path("dead_at").asString()))
            .isSortedAccordingTo(Comparator.reverseOrder());
    }

    /** Each payout once the previous one is received, so that their times differ; answers their ids, newest first. */
    private List<String> sendOneAfterAnother(long publisher) {
        List<String> newestFirst = new ArrayList<>();
        for (int i = 0; i < PAYOUTS_PER_PUBLISHER; i++) {
            PayoutDue payout = payout(publisher, "1.0" + i, "EUR");
            send(payout);
            await().atMost(DELIVERED_WITHIN).until(() -> !"ABSENT".equals(state(payout.getEventId())));
            newestFirst.add(0, payout.getEventId());
        }
        return newestFirst;
    }

    @Test
    void aTamperedCursorOrATooLargeLimitIsABadRequestNamingTheField() {
        long publisher = createPublisher(receiver.url("/postback"), "GET").id();

        for (String list : List.of("/admin/publishers/" + publisher + "/deliveries",
                "/admin/publishers/" + publisher + "/dead-letters", "/admin/deliveries/dead-letters")) {
            manager.refusesBadPaging(list);
        }
    }

    /** Every page of {@code list}, {@code limit} deliveries a page, in the order the pages came. */
    private List<JsonNode> walk(String list, int limit) {
        List<JsonNode> items = new ArrayList<>();
        String cursor = null;
        do {
            ServiceHttp.Answer answer = manager.get(list + "?limit=" + limit
                    + (cursor == null ? "" : "&cursor=" + cursor));
            assertThat(answer.status()).as(answer.body()).isEqualTo(200);
            JsonNode page = answer.json();
            assertThat(page.path("items").size()).isLessThanOrEqualTo(limit);
            page.path("items").forEach(items::add);
            cursor = page.path("next_cursor").isNull() ? null : page.path("next_cursor").asString();
        }
        while (cursor != null);
        return items;
    }

    private static List<String> ids(List<JsonNode> deliveries) {
        return deliveries.stream().map(delivery -> delivery.path("id").asString()).toList();
    }
}
