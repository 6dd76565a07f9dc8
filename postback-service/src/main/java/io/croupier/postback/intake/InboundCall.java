package io.croupier.postback.intake;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import jakarta.servlet.http.HttpServletRequest;
import org.springframework.http.InvalidMediaTypeException;
import org.springframework.http.MediaType;

/**
 * One inbound call as received, read once and bounded: what is logged and what the format interprets.
 *
 * @param sourceIp the client address, after the trusted-proxy rules of the web server
 *        ({@code server.forward-headers-strategy})
 * @param secretInPath a credential the path carries (seed 004's partner key), never logged
 * @param parameters query parameters, plus form fields for a form-encoded body (first value of each)
 * @param body the raw body unless it was form-encoded; cut at the size limit when {@code oversized}
 * @param signed what a signature of the call covers and carries
 */
public record InboundCall(Instant receivedAt, String sourceIp, String method, String path, String secretInPath,
        String query, Map<String, String> parameters, String body, boolean oversized, SignedParts signed) {

    private static final List<String> WEBHOOK_HEADERS = List.of("webhook-id", "webhook-timestamp",
            "webhook-signature");

    public static InboundCall read(HttpServletRequest request, long maxBodyBytes, String secretInPath) {
        Instant receivedAt = Instant.now();
        String body = null;
        byte[] bytes = new byte[0];
        boolean oversized = request.getContentLengthLong() > maxBodyBytes;
        if (!isForm(request) && !oversized) {
            bytes = readAtMost(request, maxBodyBytes + 1);
            oversized = bytes.length > maxBodyBytes;
            body = bytes.length == 0 ? null
                    : new String(bytes, 0, (int) Math.min(bytes.length, maxBodyBytes), StandardCharsets.UTF_8);
        }
        Map<String, String> parameters = new LinkedHashMap<>();
        Map<String, List<String>> allValues = new LinkedHashMap<>();
        if (!oversized) {
            request.getParameterMap().forEach((name, values) -> {
                parameters.put(name, values.length == 0 ? "" : values[0]);
                allValues.put(name, List.of(values));
            });
        }
        Map<String, String> headers = new LinkedHashMap<>();
        for (String name : WEBHOOK_HEADERS) {
            String value = request.getHeader(name);
            if (value != null) {
                headers.put(name.toLowerCase(Locale.ROOT), value);
            }
        }
        return new InboundCall(receivedAt, request.getRemoteAddr(), request.getMethod(), request.getRequestURI(),
                secretInPath, request.getQueryString(), Collections.unmodifiableMap(parameters), body, oversized,
                new SignedParts(Collections.unmodifiableMap(headers), Collections.unmodifiableMap(allValues),
                        oversized ? new byte[0] : bytes));
    }

    /** The path as logged: a credential in it is replaced. */
    public String loggedPath() {
        return Redaction.path(path, secretInPath);
    }

    /** The query as logged: secrets and tokens are never stored. */
    public String loggedQuery() {
        return Redaction.query(query);
    }

    /** The body as logged: secrets and tokens are never stored, whatever their JSON type. */
    public String loggedBody() {
        if (body != null) {
            return Redaction.body(body);
        }
        if (parameters.isEmpty() || !"POST".equals(method)) {
            return null;
        }
        return Redaction.form(parameters);
    }

    @Override
    public String toString() {
        return "InboundCall[" + method + " " + loggedPath() + "]";
    }

    /**
     * @param headers the Standard Webhooks headers present, by lower-case name
     * @param parameters every value of every query and form parameter, in the order received
     * @param body the body's bytes exactly as received (empty for a form), which a JSON webhook's signature covers
     */
    public record SignedParts(Map<String, String> headers, Map<String, List<String>> parameters, byte[] body) {
    }

    private static boolean isForm(HttpServletRequest request) {
        String contentType = request.getContentType();
        try {
            return contentType != null
                    && MediaType.APPLICATION_FORM_URLENCODED.includes(MediaType.parseMediaType(contentType));
        }
        catch (InvalidMediaTypeException e) {
            return false;
        }
    }

    private static byte[] readAtMost(HttpServletRequest request, long limit) {
        try (InputStream in = request.getInputStream()) {
            return in.readNBytes((int) limit);
        }
        catch (IOException e) {
            // A body that broke off mid-way is unusable: it is treated as missing, which every format refuses.
            return new byte[0];
        }
    }
}
