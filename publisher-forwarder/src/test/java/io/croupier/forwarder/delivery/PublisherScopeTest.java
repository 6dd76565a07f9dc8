package io.croupier.forwarder.delivery;


import io.croupier.embedded.ServiceHttp;
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

    private final PublisherReceiver receiver = PublisherReceiver.start();

    @AfterEach
    void stopReceiver() {
        receiver.close();
    }

    @Test
    void anotherPublishersDeliveriesAreNotFoundByDeliveryIdOrPublisherId() {
        long mine = createPublisher(receiver.url("/postback?click_id={click_id}"), "GET").id();
        long theirs = createPublisher(receiver.url("/postback?click_id={click_id}"), "GET").id();
        PayoutDue ours = payout(mine, "1.00", "USD");
        PayoutDue their = payout(theirs, "2.00", "USD");
        send(ours);
        send(their);
        await().atMost(DELIVERED_WITHIN).until(() -> "DELIVERED".equals(state(ours.getEventId()))
                && "DELIVERED".equals(state(their.getEventId())));

        assertThat(get("/admin/deliveries/" + ours.getEventId(), mine).status()).isEqualTo(200);
        ServiceHttp.Answer other = get("/admin/deliveries/" + their.getEventId(), mine);
        assertThat(other.status()).isEqualTo(404);
        assertThat(other.body()).doesNotContain("2.00").doesNotContain(their.getClickId());
        assertThat(get("/admin/publishers/" + theirs + "/deliveries", mine).status()).isEqualTo(404);
        assertThat(get("/admin/publishers/" + theirs + "/dead-letters", mine).status()).isEqualTo(404);
        assertThat(get("/admin/publishers/" + mine + "/deliveries", mine).body()).contains(ours.getEventId())
            .doesNotContain(their.getEventId());
        assertThat(get("/admin/deliveries/dead-letters", mine).status()).isEqualTo(403);
        assertThat(get("/admin/publishers/" + mine, mine).status()).as("its own settings and secret are "
                + "managers' work").isEqualTo(403);
    }

    private ServiceHttp.Answer get(String path, long publisherId) {
        return new ServiceHttp(port, TestInfrastructure.issuer().publisherToken(Long.toString(publisherId))).get(path);
    }
}
