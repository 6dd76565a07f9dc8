package io.croupier.frontdoor;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpRequest;
import java.time.Duration;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import jakarta.servlet.http.HttpServletRequest;

/**
 * The request as the owning service receives it: same method, path, query, headers and body, with the caller's
 * address appended to {@code X-Forwarded-For} and without the client's claims about the address it called.
 */
final class ForwardedRequest {

    private static final String FORWARDED_FOR = "X-Forwarded-For";

    /**
     * What a proxy says about the address the client called. The services believe these from the front door's address
     * (the local stack's {@code server.forward-headers-strategy=native}), so a client's own would pass as the front
     * door's word: they are dropped, never passed on.
     */
    private static final Set<String> CLAIMS_ABOUT_THE_ADDRESS = Set.of("forwarded", "x-forwarded-host",
            "x-forwarded-proto", "x-forwarded-port", "x-forwarded-prefix", "x-forwarded-ssl");

    private ForwardedRequest() {
    }

    static HttpRequest of(HttpServletRequest incoming, String baseUrl, String path, Duration timeout)
            throws IOException {
        String query = incoming.getQueryString();
        URI target = URI.create(baseUrl + UriRepair.legal(path) + (query == null ? "" : "?" + UriRepair.legal(query)));
        byte[] body;
        try (InputStream in = incoming.getInputStream()) {
            body = in.readAllBytes();
        }
        HttpRequest.Builder request = HttpRequest.newBuilder(target)
            .timeout(timeout)
            .method(incoming.getMethod(), body.length == 0 ? HttpRequest.BodyPublishers.noBody()
                    : HttpRequest.BodyPublishers.ofByteArray(body));
        for (String name : Collections.list(incoming.getHeaderNames())) {
            if (HopByHopHeaders.passedOn(name) && !FORWARDED_FOR.equalsIgnoreCase(name)
                    && !CLAIMS_ABOUT_THE_ADDRESS.contains(name.toLowerCase(Locale.ROOT))) {
                Collections.list(incoming.getHeaders(name)).forEach(value -> request.header(name, value));
            }
        }
        request.header(FORWARDED_FOR, forwardedFor(incoming));
        return request.build();
    }

    /** The chain the caller brought, if any, then the caller itself: the service decides which hops it trusts. */
    private static String forwardedFor(HttpServletRequest incoming) {
        List<String> chain = Collections.list(incoming.getHeaders(FORWARDED_FOR));
        return chain.isEmpty() ? incoming.getRemoteAddr()
                : String.join(", ", chain) + ", " + incoming.getRemoteAddr();
    }
}
