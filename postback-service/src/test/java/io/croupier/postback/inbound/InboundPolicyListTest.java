package io.croupier.postback.inbound;

import java.util.ArrayList;
import java.util.List;

import io.croupier.embedded.ServiceHttp;
import io.croupier.postback.PostbackServiceTest;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code GET /admin/inbound-auth}: the offers with a policy, by offer id, paged by the platform's cursor. */
class InboundPolicyListTest extends PostbackServiceTest {

    @Test
    void everyPolicyIsOnExactlyOnePageByOfferId() {
        List<String> offers = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            String offer = offer(unique("listed_house"), "USD").id();
            assertThat(postJson("/admin/inbound-auth/" + offer + "/signing-secret", "").status()).isEqualTo(200);
            offers.add(offer);
        }
        ServiceHttp manager = new ServiceHttp(port, ServiceHttp.manager());

        List<String> listed = new ArrayList<>();
        String cursor = null;
        int pages = 0;
        do {
            ServiceHttp.Answer answer = manager.get("/admin/inbound-auth?limit=2"
                    + (cursor == null ? "" : "&cursor=" + cursor));
            assertThat(answer.status()).as(answer.body()).isEqualTo(200);
            JsonNode page = answer.json();
            page.path("items").forEach(policy -> listed.add(policy.path("offer_id").asString()));
            cursor = page.path("next_cursor").isNull() ? null : page.path("next_cursor").asString();
            pages++;
        }
        while (cursor != null);

        assertThat(pages).isGreaterThanOrEqualTo(3);
        assertThat(listed).doesNotHaveDuplicates().isSorted();
        assertThat(listed).filteredOn(offers::contains).containsExactlyElementsOf(offers.stream().sorted().toList());
        manager.refusesBadPaging("/admin/inbound-auth");
    }
}
