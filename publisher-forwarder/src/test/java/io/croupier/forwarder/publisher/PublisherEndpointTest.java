package io.croupier.forwarder.publisher;

import java.time.Instant;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class PublisherEndpointTest {

    @Test
    void anActiveEnabledEndpointIsReachable() {
        assertThat(endpoint(true, null, null).unreachable()).isEmpty();
    }

    @Test
    void anEndpointDisabledByA410IsUnreachableWithItsReason() {
        assertThat(endpoint(true, Instant.now(), "410 Gone from pub.example").unreachable())
            .hasValue("endpoint of publisher 7 disabled: 410 Gone from pub.example");
    }

    @Test
    void anInactivePublisherIsUnreachable() {
        assertThat(endpoint(false, null, null).unreachable()).hasValue("publisher 7 is inactive");
    }

    private static PublisherEndpoint endpoint(boolean active, Instant disabledAt, String disabledReason) {
        return new PublisherEndpoint(7, PostbackTemplate.parse("https://pub.example/pb?c={click_id}"),
                PostbackMethod.GET, null, 50, active, disabledAt, disabledReason);
    }
}
