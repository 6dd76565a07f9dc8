package io.croupier.postback.inbound;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;

import io.croupier.secrets.webhook.WebhookSecret;
import io.croupier.secrets.webhook.WebhookSignatures;

/**
 * Signs calls the way a casino following postback-service's README would, written independently of the service's
 * own canonicalisation so that a test of one checks the other.
 */
public final class Signing {

    private Signing() {
    }

    /** The three Standard Webhooks headers of a JSON webhook, as name/value pairs for an HTTP client. */
    public static String[] headers(WebhookSecret secret, String id, long timestamp, String body) {
        return new String[] { "webhook-id", id, "webhook-timestamp", Long.toString(timestamp), "webhook-signature",
                WebhookSignatures.sign(secret.key(), id, timestamp, body.getBytes(StandardCharsets.UTF_8)) };
    }

    /**
     * The query of a signed GET: the given parameters in the given order, percent-encoded, followed by the
     * signature parameters. The signature covers the path and the parameters sorted and encoded per RFC 3986.
     */
    public static String query(WebhookSecret secret, String id, long timestamp, String path,
            List<Map.Entry<String, String>> parameters) {
        List<Map.Entry<String, String>> encoded = new ArrayList<>();
        StringBuilder query = new StringBuilder();
        for (Map.Entry<String, String> parameter : parameters) {
            encoded.add(Map.entry(rfc3986(parameter.getKey()), rfc3986(parameter.getValue())));
            query.append(URLEncoder.encode(parameter.getKey(), StandardCharsets.UTF_8)).append('=')
                .append(URLEncoder.encode(parameter.getValue(), StandardCharsets.UTF_8)).append('&');
        }
        encoded.sort(Map.Entry.<String, String>comparingByKey().thenComparing(Map.Entry.comparingByValue()));
        List<String> canonical = encoded.stream().map(pair -> pair.getKey() + "=" + pair.getValue()).toList();
        String content = path + "?" + String.join("&", canonical);
        String signature = "v1," + Base64.getUrlEncoder().withoutPadding().encodeToString(Base64.getDecoder().decode(
                WebhookSignatures.sign(secret.key(), id, timestamp, content.getBytes(StandardCharsets.UTF_8))
                    .substring(3)));
        return query.append("webhook_id=").append(URLEncoder.encode(id, StandardCharsets.UTF_8))
            .append("&webhook_timestamp=").append(timestamp)
            .append("&webhook_signature=").append(URLEncoder.encode(signature, StandardCharsets.UTF_8))
            .toString();
    }

    public static long now() {
        return Instant.now().getEpochSecond();
    }

    /** URLEncoder is form encoding; RFC 3986 differs in the space and in {@code *} and {@code ~}. */
    static String rfc3986(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20").replace("*", "%2A")
            .replace("%7E", "~");
    }
}
