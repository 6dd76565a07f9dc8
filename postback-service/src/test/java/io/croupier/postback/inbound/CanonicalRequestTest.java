package io.croupier.postback.inbound;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.croupier.secrets.webhook.WebhookSecret;
import io.croupier.secrets.webhook.WebhookSignatures;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The canonical form of a signed GET, and the worked examples of postback-service's README, byte for byte. */
class CanonicalRequestTest {

    /** README, "Inbound authentication": the secret of both worked examples. */
    static final WebhookSecret README_SECRET = WebhookSecret.parse("whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw");

    @Test
    void parametersAreSortedByNameThenValueAndEncodedPerRfc3986WithoutTheSignatureParameters() {
        Map<String, List<String>> parameters = new LinkedHashMap<>();
        parameters.put("subid", List.of("joão 123"));
        parameters.put("amount", List.of("25.00"));
        parameters.put("tag", List.of("b", "a*~"));
        parameters.put("webhook_id", List.of("msg_1"));
        parameters.put("webhook_timestamp", List.of("1700000000"));
        parameters.put("webhook_signature", List.of("v1,xyz"));
        parameters.put("empty", List.of(""));

        assertThat(CanonicalRequest.query(parameters))
            .isEqualTo("amount=25.00&empty=&subid=jo%C3%A3o%20123&tag=a%2A~&tag=b");
    }

    @Test
    void thePathIsDecodedAndReencodedSegmentBySegment() {
        assertThat(CanonicalRequest.path("/api/postback/brazino/deposit")).isEqualTo("/api/postback/brazino/deposit");
        assertThat(CanonicalRequest.path("/postback/abc%7e123%20x")).isEqualTo("/postback/abc~123%20x");
    }

    @Test
    void readmeWorkedExampleOfASignedGetPostback() {
        String content = CanonicalRequest.content("/api/postback/brazino/deposit", Map.of(
                "subid", List.of("joao123"), "amount", List.of("25.00"),
                "webhook_id", List.of("msg_2Zq8bJtE4k"), "webhook_timestamp", List.of("1765654253")));

        assertThat(content).isEqualTo("/api/postback/brazino/deposit?amount=25.00&subid=joao123");
        assertThat(WebhookSignatures.sign(README_SECRET.key(), "msg_2Zq8bJtE4k", 1765654253,
                content.getBytes(StandardCharsets.UTF_8)))
            .isEqualTo("v1,AKBBkXqLfdTIM7mGVBPNuLEQTSIN6/vVQNiAgJtPBMs=");
        assertThat(WebhookSignatures.anyMatches(README_SECRET.key(), "msg_2Zq8bJtE4k", 1765654253,
                content.getBytes(StandardCharsets.UTF_8), "v1,AKBBkXqLfdTIM7mGVBPNuLEQTSIN6_vVQNiAgJtPBMs")).isTrue();
    }

    @Test
    void readmeWorkedExampleOfASignedJsonWebhook() {
        String body = "{\"user_id\":\"user_12345678\",\"amount\":100.00,\"currency\":\"USD\","
                + "\"transaction_id\":\"tx_a1b2c3d4e5f6\",\"platform\":\"casino_pro\",\"is_first_deposit\":true}";

        assertThat(WebhookSignatures.sign(README_SECRET.key(), "msg_2Zq8bJtE4j", 1765654253,
                body.getBytes(StandardCharsets.UTF_8)))
            .isEqualTo("v1,SijA7saSGSgzu0OG2siALRqeBx1oHGnJjLQkvEnNvts=");
    }
}
