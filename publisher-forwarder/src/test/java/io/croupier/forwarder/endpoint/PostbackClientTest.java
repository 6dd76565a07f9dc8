package io.croupier.forwarder.endpoint;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.List;

import io.croupier.forwarder.ForwarderSettings;
import io.croupier.forwarder.PublisherReceiver;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The client exactly as production builds it, but without the test stack's allow-list. */
class PostbackClientTest {

    private final PublisherReceiver receiver = PublisherReceiver.start();

    private final PostbackClient client = new PostbackClient(SsrfPolicy.allowing(List.of()),
            new ForwarderSettings.Delivery(List.of(Duration.ZERO), 0, Duration.ofSeconds(2), Duration.ofHours(1),
                    Duration.ofMillis(100), 4, 2, 256),
            Clock.systemUTC());

    @AfterEach
    void close() throws Exception {
        client.close();
        receiver.close();
    }

    @Test
    void aBlockedPrivateAddressIsNeverConnectedTo() {
        String port = Integer.toString(URI.create(receiver.url("/")).getPort());
        List<String> urls = List.of(receiver.url("/hook"), "http://localhost:" + port + "/hook",
                "http://127.0.0.1:" + port + "/hook", "http://[::1]:" + port + "/hook",
                "http://169.254.169.254/latest/meta-data/", "http://0.0.0.0:" + port + "/hook",
                "http://10.0.0.1/hook", "http://[::ffff:127.0.0.2]:" + port + "/hook");

        for (String url : urls) {
            PostbackResponse response = client.send(new PostbackRequest("payout:1", URI.create(url), null,
                    new byte[24]));
            assertThat(response.outcome()).as(url).isEqualTo(AttemptOutcome.REFUSED_ADDRESS);
            assertThat(response.error()).as(url).startsWith("refused ");
        }
        assertThat(receiver.requests()).isEmpty();
    }

    @Test
    void theAllowListOpensExactlyWhatItNames() throws Exception {
        try (PostbackClient allowing = clientAllowing(PublisherReceiver.HOST)) {
            PostbackResponse response = allowing.send(new PostbackRequest("payout:1",
                    URI.create(receiver.url("/hook")), null, new byte[24]));

            assertThat(response.delivered()).isTrue();
            assertThat(receiver.requests()).hasSize(1);
        }
    }

    @Test
    void anAllowanceForOnePortOpensThatPortOnly() throws Exception {
        int receiverPort = URI.create(receiver.url("/")).getPort();
        try (PublisherReceiver otherPort = PublisherReceiver.start();
                PostbackClient allowing = clientAllowing(PublisherReceiver.HOST + ":" + receiverPort)) {
            PostbackResponse allowed = allowing.send(new PostbackRequest("payout:1",
                    URI.create(receiver.url("/hook")), null, new byte[24]));
            PostbackResponse refused = allowing.send(new PostbackRequest("payout:2",
                    URI.create(otherPort.url("/admin/offers")), null, new byte[24]));

            assertThat(allowed.delivered()).isTrue();
            assertThat(refused.outcome()).isEqualTo(AttemptOutcome.REFUSED_ADDRESS);
            assertThat(refused.error()).contains("(port " + URI.create(otherPort.url("/")).getPort() + ")");
            assertThat(otherPort.requests()).isEmpty();
        }
    }

    private static PostbackClient clientAllowing(String allowed) {
        return new PostbackClient(SsrfPolicy.allowing(List.of(allowed)),
                new ForwarderSettings.Delivery(List.of(Duration.ZERO), 0, Duration.ofSeconds(2),
                        Duration.ofHours(1), Duration.ofMillis(100), 4, 2, 256),
                Clock.systemUTC());
    }
}
