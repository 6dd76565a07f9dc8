package io.croupier.forwarder.publisher;

import java.util.Map;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The web layer logs request bodies at DEBUG through their {@code toString}: the secret must not be in it. */
class PublisherRequestTest {

    @Test
    void aRequestNeverPrintsItsSigningSecret() {
        PublisherRequest request = new PublisherRequest("João", "joao123", "https://pub.example/pb", PostbackMethod.GET,
                "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw", new PayoutTerms(null, null, null), Map.of(), 50, false,
                true);

        assertThat(request.toString()).contains("joao123").doesNotContain("MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw");
    }
}
