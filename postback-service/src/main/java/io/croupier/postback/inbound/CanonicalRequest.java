package io.croupier.postback.inbound;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.springframework.web.util.UriUtils;

/**
 * What a signed GET postback's signature covers: its path and its parameters, written one canonical way so that any
 * proxy's re-encoding or reordering leaves it unchanged.
 * <ol>
 * <li>Every query (and form) parameter except {@code webhook_id}, {@code webhook_timestamp} and
 * {@code webhook_signature}, each value on its own, as decoded from the URL ({@code +} is a space).</li>
 * <li>Name and value percent-encoded as UTF-8 bytes, leaving only RFC 3986's unreserved characters
 * ({@code A-Z a-z 0-9 - . _ ~}) as they are; hex digits upper case; a space is {@code %20}.</li>
 * <li>Pairs sorted by encoded name, then by encoded value (plain character order), and joined as
 * {@code name=value} with {@code &}; a parameter without value is {@code name=}.</li>
 * <li>The path decoded and encoded the same way segment by segment, keeping its {@code /}.</li>
 * </ol>
 * The signed content is {@code <path>?<canonical query>}: {@code webhook_id} and {@code webhook_timestamp} are already
 * part of what Standard Webhooks signs ({@code <id>.<timestamp>.<content>}).
 */
final class CanonicalRequest {

    static final Set<String> SIGNATURE_PARAMETERS = Set.of("webhook_id", "webhook_timestamp", "webhook_signature");

    private CanonicalRequest() {
    }

    static String content(String path, Map<String, List<String>> parameters) {
        return path(path) + "?" + query(parameters);
    }

    static String query(Map<String, List<String>> parameters) {
        List<String[]> pairs = new ArrayList<>();
        parameters.forEach((name, values) -> {
            if (!SIGNATURE_PARAMETERS.contains(name)) {
                for (String value : values) {
                    pairs.add(new String[] { encode(name), encode(value) });
                }
            }
        });
        pairs.sort(Comparator.<String[], String>comparing(pair -> pair[0]).thenComparing(pair -> pair[1]));
        StringBuilder query = new StringBuilder();
        for (String[] pair : pairs) {
            if (!query.isEmpty()) {
                query.append('&');
            }
            query.append(pair[0]).append('=').append(pair[1]);
        }
        return query.toString();
    }

    static String path(String rawPath) {
        String[] segments = rawPath.split("/", -1);
        List<String> canonical = new ArrayList<>(segments.length);
        for (String segment : segments) {
            canonical.add(encode(decode(segment)));
        }
        return String.join("/", canonical);
    }

    private static String encode(String value) {
        return UriUtils.encode(value, StandardCharsets.UTF_8);
    }

    private static String decode(String segment) {
        try {
            return UriUtils.decode(segment, StandardCharsets.UTF_8);
        }
        catch (IllegalArgumentException e) {
            return segment;
        }
    }
}
