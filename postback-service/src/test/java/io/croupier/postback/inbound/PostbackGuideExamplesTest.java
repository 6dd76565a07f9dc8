package io.croupier.postback.inbound;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.croupier.secrets.webhook.WebhookSecret;
import io.croupier.secrets.webhook.WebhookSignatures;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The worked signature examples of {@code docs/integrating.md}, read from the document itself and recomputed with the
 * platform's signing and verification code: the canonical form postback-service checks GET postbacks against, and the
 * Standard Webhooks signatures postback-service verifies and publisher-forwarder signs with.
 */
class PostbackGuideExamplesTest {

    private static final Path GUIDE = Path.of("..", "docs", "integrating.md");

    private static final Pattern EXAMPLE = Pattern.compile(
            "<!-- signature-example: (json|query) -->\\n```http\\n(.*?)```\\n.*?```text\\n(.*?)\\n```", Pattern.DOTALL);

    private static final Pattern SECRET = Pattern.compile("whsec_[A-Za-z0-9+/=]+");

    /** A shell example's expected output: {@code # <base64 or base64url of 32 bytes>}. */
    private static final Pattern SHELL_RESULT = Pattern.compile("^# ([A-Za-z0-9+/_-]{43}=?)$", Pattern.MULTILINE);

    private static String guide;

    private static byte[] key;

    @BeforeAll
    static void readTheGuide() throws Exception {
        guide = Files.readString(GUIDE, StandardCharsets.UTF_8);
        Set<String> secrets = new HashSet<>();
        Matcher secret = SECRET.matcher(guide);
        while (secret.find()) {
            secrets.add(secret.group());
        }
        assertThat(secrets).as("the guide's examples share one secret").hasSize(1);
        key = WebhookSecret.parse(secrets.iterator().next()).key();
    }

    @Test
    void everyWorkedExampleIsSignedAsTheGuideShowsAndVerifies() {
        List<String> signatures = new ArrayList<>();
        Matcher example = EXAMPLE.matcher(guide);
        int examples = 0;
        while (example.find()) {
            examples++;
            Request request = Request.parse(example.group(2));
            String signedString = example.group(3);
            if (example.group(1).equals("json")) {
                String id = request.headers().get("webhook-id");
                long timestamp = Long.parseLong(request.headers().get("webhook-timestamp"));
                String signature = request.headers().get("webhook-signature");
                byte[] body = request.body().getBytes(StandardCharsets.UTF_8);

                assertThat(signedString).isEqualTo(id + "." + timestamp + "." + request.body());
                assertThat(WebhookSignatures.sign(key, id, timestamp, body)).as(id).isEqualTo(signature);
                assertThat(WebhookSignatures.anyMatches(key, id, timestamp, body, signature)).as(id).isTrue();
                signatures.add(signature);
            }
            else {
                String id = request.parameters().get("webhook_id").get(0);
                long timestamp = Long.parseLong(request.parameters().get("webhook_timestamp").get(0));
                String signature = request.parameters().get("webhook_signature").get(0);
                String content = CanonicalRequest.content(request.path(), request.parameters());
                byte[] signed = content.getBytes(StandardCharsets.UTF_8);

                assertThat(signedString).isEqualTo(id + "." + timestamp + "." + content);
                assertThat(WebhookSignatures.anyMatches(key, id, timestamp, signed, signature)).as(id).isTrue();
                assertThat(base64Url(WebhookSignatures.sign(key, id, timestamp, signed))).as(id).isEqualTo(signature);
                signatures.add(signature);
            }
        }
        assertThat(examples).as("worked examples: casino JSON and GET, publisher POST and GET").isEqualTo(4);

        Matcher shell = SHELL_RESULT.matcher(guide);
        int shellResults = 0;
        while (shell.find()) {
            shellResults++;
            assertThat(signatures).contains("v1," + shell.group(1));
        }
        assertThat(shellResults).isEqualTo(3);
    }

    @Test
    void aSignatureOfTheGuidesExamplesNoLongerVerifiesOnceTheContentChanges() {
        Matcher example = EXAMPLE.matcher(guide);
        assertThat(example.find()).isTrue();
        Request request = Request.parse(example.group(2));
        byte[] tampered = request.body().replace("50.00", "500.00").getBytes(StandardCharsets.UTF_8);

        assertThat(WebhookSignatures.anyMatches(key, request.headers().get("webhook-id"),
                Long.parseLong(request.headers().get("webhook-timestamp")), tampered,
                request.headers().get("webhook-signature"))).isFalse();
    }

    private static String base64Url(String signature) {
        return signature.replace('+', '-').replace('/', '_').replace("=", "");
    }

    /** An HTTP request as the guide writes it: request line, headers, a blank line, the body without its last newline. */
    private record Request(String path, Map<String, List<String>> parameters, Map<String, String> headers,
            String body) {

        static Request parse(String text) {
            String[] headAndBody = text.split("\n\n", 2);
            String[] lines = headAndBody[0].split("\n");
            String target = lines[0].split(" ")[1];
            Map<String, String> headers = new LinkedHashMap<>();
            for (int i = 1; i < lines.length; i++) {
                String[] header = lines[i].split(": ", 2);
                headers.put(header[0].toLowerCase(), header[1]);
            }
            String body = headAndBody.length < 2 ? "" : headAndBody[1].replaceFirst("\n$", "");
            int question = target.indexOf('?');
            Map<String, List<String>> parameters = new LinkedHashMap<>();
            if (question >= 0) {
                for (String pair : target.substring(question + 1).split("&")) {
                    String[] nameAndValue = pair.split("=", 2);
                    parameters.computeIfAbsent(decode(nameAndValue[0]), name -> new ArrayList<>())
                        .add(nameAndValue.length < 2 ? "" : decode(nameAndValue[1]));
                }
            }
            return new Request(question < 0 ? target : target.substring(0, question), parameters, headers, body);
        }

        /** As the servlet container decodes a query: {@code +} is a space. */
        private static String decode(String raw) {
            return URLDecoder.decode(raw, StandardCharsets.UTF_8);
        }
    }
}
