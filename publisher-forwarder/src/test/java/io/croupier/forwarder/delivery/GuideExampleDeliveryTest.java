package io.croupier.forwarder.delivery;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.croupier.forwarder.ForwarderIntegrationTest;
import io.croupier.forwarder.endpoint.PostbackRequest;
import io.croupier.forwarder.publisher.PostbackMethod;
import io.croupier.forwarder.publisher.PostbackTemplate;
import io.croupier.forwarder.publisher.PublisherEndpoint;
import io.croupier.secrets.webhook.WebhookSecret;
import io.croupier.secrets.webhook.WebhookSignatures;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The integration guide's worked publisher postback ({@code docs/integrating.md}) is what this service sends for the
 * delivery its API documentation shows: the same body byte for byte, the same id, and the signature the sender's code
 * computes at the guide's timestamp.
 */
class GuideExampleDeliveryTest extends ForwarderIntegrationTest {

    private static final Pattern POST_EXAMPLE = Pattern.compile("```http\\nPOST /pb HTTP/1.1\\n(.*?)\\n\\n(.*?)\\n```",
            Pattern.DOTALL);

    @Autowired
    PostbackMessage message;

    @Test
    void theGuidesPostPostbackIsTheBodyThisServiceSendsSignedAsItSignsIt() throws Exception {
        String guide = Files.readString(Path.of("..", "docs", "integrating.md"), StandardCharsets.UTF_8);
        Matcher secret = Pattern.compile("whsec_[A-Za-z0-9+/=]+").matcher(guide);
        Matcher example = POST_EXAMPLE.matcher(guide);
        assertThat(secret.find()).isTrue();
        assertThat(example.find()).isTrue();
        Map<String, String> headers = new LinkedHashMap<>();
        for (String line : example.group(1).split("\n")) {
            String[] header = line.split(": ", 2);
            headers.put(header[0], header[1]);
        }
        String body = example.group(2);

        PostbackRequest request = message.request(PostbackWebhookDocumentation.SAMPLE,
                new PublisherEndpoint(PostbackWebhookDocumentation.SAMPLE.publisherId(),
                        PostbackTemplate.parse("https://you.example/pb"), PostbackMethod.POST,
                        WebhookSecret.parse(secret.group()), 50, true, null, null));

        assertThat(request.jsonBody()).isEqualTo(body);
        assertThat(request.messageId()).isEqualTo(headers.get("webhook-id"));
        assertThat(WebhookSignatures.sign(request.signingKey(), request.messageId(),
                Long.parseLong(headers.get("webhook-timestamp")), request.jsonBody().getBytes(StandardCharsets.UTF_8)))
            .isEqualTo(headers.get("webhook-signature"));
    }
}
