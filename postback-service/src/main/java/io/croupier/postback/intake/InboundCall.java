package io.croupier.postback.intake;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Pattern;

import jakarta.servlet.http.HttpServletRequest;
import org.springframework.http.InvalidMediaTypeException;
import org.springframework.http.MediaType;

/**
 * One inbound call as received, read once and bounded: what is logged and what the format interprets.
 *
 * @param parameters query parameters, plus form fields for a form-encoded body (first value of each)
 * @param body the raw body unless it was form-encoded; cut at the size limit when {@code oversized}
 */
public record InboundCall(Instant receivedAt, String sourceIp, String method, String path, String query,
        Map<String, String> parameters, String body, boolean oversized) {

    private static final Pattern SECRET_IN_QUERY = Pattern.compile("((?:^|&)(?:token|secret)=)[^&]*");

    private static final Pattern SECRET_IN_JSON = Pattern.compile("(\"(?:token|secret)\"\\s*:\\s*)\"[^\"]*\"");

    public static InboundCall read(HttpServletRequest request, long maxBodyBytes) {
        Instant receivedAt = Instant.now();
        String body = null;
        boolean oversized = request.getContentLengthLong() > maxBodyBytes;
        if (!isForm(request) && !oversized) {
            byte[] bytes = readAtMost(request, maxBodyBytes + 1);
            oversized = bytes.length > maxBodyBytes;
            body = bytes.length == 0 ? null
                    : new String(bytes, 0, (int) Math.min(bytes.length, maxBodyBytes), StandardCharsets.UTF_8);
        }
        Map<String, String> parameters = new LinkedHashMap<>();
        if (!oversized) {
            request.getParameterMap().forEach((name, values) -> parameters.put(name, values.length == 0 ? "" : values[0]));
        }
        return new InboundCall(receivedAt, request.getRemoteAddr(), request.getMethod(), request.getRequestURI(),
                request.getQueryString(), Collections.unmodifiableMap(parameters), body, oversized);
    }

    /** The query as logged: secrets and tokens are never stored. */
    public String loggedQuery() {
        return query == null ? null : SECRET_IN_QUERY.matcher(query).replaceAll("$1***");
    }

    /** The body as logged: secrets and tokens are never stored. */
    public String loggedBody() {
        if (body != null) {
            return SECRET_IN_JSON.matcher(body).replaceAll("$1\"***\"");
        }
        if (parameters.isEmpty() || !"POST".equals(method)) {
            return null;
        }
        Map<String, String> redacted = new LinkedHashMap<>(parameters);
        redacted.replaceAll((name, value) -> "token".equals(name) || "secret".equals(name) ? "***" : value);
        return redacted.toString();
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
