package io.croupier.forwarder.delivery;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

import io.croupier.embedded.TestInfrastructure;
import io.croupier.events.PayoutDue;
import io.croupier.forwarder.ForwarderIntegrationTest;
import io.croupier.forwarder.PublisherReceiver;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** A publisher's token reads its own deliveries and nothing of another publisher's, by any id. */
class PublisherScopeTest extends ForwarderIntegrationTest {

    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private final PublisherReceiver receiver = PublisherReceiver.start();

    @AfterEach
    void stopReceiver() {
        receiver.close();
    }

    @Test
    void anotherPublishersDeliveriesAreNotFoundByDeliveryIdOrPublisherId() throws Exception {
        long mine = createPublisher(receiver.url("/postback?click_id={click_id}"), "GET").id();
        long theirs = createPublisher(receiver.url("/postback?click_id={click_id}"), "GET").id();
        PayoutDue ours = payout(mine, "1.00", "USD");
        PayoutDue their = payout(theirs, "2.00", "USD");
        send(ours);
        send(their);
        await().atMost(DELIVERED_WITHIN).until(() -> "DELIVERED".equals(state(ours.getEventId()))
                && "DELIVERED".equals(state(their.getEventId())));

        assertThat(get("/admin/deliveries/" + ours.getEventId(), mine).statusCode()).isEqualTo(200);
        HttpResponse<String> other = get("/admin/deliveries/" + their.getEventId(), mine);
        assertThat(other.statusCode()).isEqualTo(404);
        assertThat(other.body()).doesNotContain("2.00").doesNotContain(their.getClickId());
        assertThat(get("/admin/publishers/" + theirs + "/deliveries", mine).statusCode()).isEqualTo(404);
        assertThat(get("/admin/publishers/" + theirs + "/dead-letters", mine).statusCode()).isEqualTo(404);
        assertThat(get("/admin/publishers/" + mine + "/deliveries", mine).body()).contains(ours.getEventId())
            .doesNotContain(their.getEventId());
        assertThat(get("/admin/deliveries/dead-letters", mine).statusCode()).isEqualTo(403);
        assertThat(get("/admin/publishers/" + mine, mine).statusCode()).as("its own settings and secret are "
                + "managers' work").isEqualTo(403);
    }

    private HttpResponse<String> get(String path, long publisherId) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
            .header("Authorization", "Bearer " + TestInfrastructure.issuer().publisherToken(Long.toString(publisherId)))
            .build(), HttpResponse.BodyHandlers.ofString());
    }
}
