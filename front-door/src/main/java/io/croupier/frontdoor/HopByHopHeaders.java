package io.croupier.frontdoor;

import java.util.Locale;
import java.util.Set;

/** Headers that mean something on one hop only, or that the HTTP client sets itself: never passed on either way. */
final class HopByHopHeaders {

    private static final Set<String> NAMES = Set.of("connection", "content-length", "expect", "host", "upgrade",
            "keep-alive", "transfer-encoding", "te", "trailer", "proxy-connection", "http2-settings");

    private HopByHopHeaders() {
    }

    static boolean passedOn(String name) {
        return !name.startsWith(":") && !NAMES.contains(name.toLowerCase(Locale.ROOT));
    }
}
