package io.croupier.frontdoor;

import java.nio.charset.StandardCharsets;

/**
 * Percent-encodes what a URI may not contain but senders still send, such as seed 004's literal {@code {click_id}}
 * macros, so the owning service sees them and answers with its own error instead of the proxy failing.
 */
final class UriRepair {

    /** Unreserved and reserved characters of RFC 3986, and '%' of the escapes already there. */
    private static final String URI_CHARACTERS = "-._~:/?#[]@!$&'()*+,;=%";

    private UriRepair() {
    }

    static String legal(String raw) {
        StringBuilder legal = new StringBuilder(raw.length());
        for (byte b : raw.getBytes(StandardCharsets.UTF_8)) {
            char c = (char) (b & 0xFF);
            if (c < 0x80 && (Character.isLetterOrDigit(c) || URI_CHARACTERS.indexOf(c) >= 0)) {
                legal.append(c);
            }
            else {
                legal.append('%').append(String.format("%02X", b & 0xFF));
            }
        }
        return legal.toString();
    }
}
