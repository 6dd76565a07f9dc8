package io.croupier.click.offer;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The web layer logs request bodies at DEBUG through their {@code toString}: the secrets must not be in it. */
class OfferRequestsTest {

    @Test
    void requestsNeverPrintTheirSecrets() {
        OfferRequests.NewOffer created = new OfferRequests.NewOffer("Delta", "https://delta.example/", 1.0,
                "your-secure-secret-token", true, null, "partner-key-123", null);
        OfferRequests.OfferChanges changed = new OfferRequests.OfferChanges(null, null, null,
                "another-secret-token", null, null, "another-partner-key", null);

        assertThat(created.toString()).contains("Delta").doesNotContain("your-secure-secret-token")
            .doesNotContain("partner-key-123");
        assertThat(changed.toString()).doesNotContain("another-secret-token").doesNotContain("another-partner-key");
    }
}
