package io.croupier.forwarder.publisher;

import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import org.springframework.web.util.UriUtils;

/**
 * A publisher's postback URL with {@code {macro}} placeholders. Every macro is checked when the template is saved, so a
 * typo is reported to the admin then and a placeholder can never reach a publisher literally.
 */
public final class PostbackTemplate {

    /** Every macro a template may use; a payout without a value for one renders it empty. */
    public static final Set<String> MACROS = Set.of("click_id", "payout", "currency", "status", "event", "offer_id",
            "external_offer_id", "transaction_id", "source", "campaign", "sub1", "sub2", "sub3", "sub4", "sub5",
            "delivery_id", "reverses");

    private static final int MAX_LENGTH = 2048;

    private final String text;

    private final List<Part> parts;

    private PostbackTemplate(String text, List<Part> parts) {
        this.text = text;
        this.parts = parts;
    }

    /**
     * @throws InvalidPostbackTemplateException naming every problem, when the template is not an absolute http(s) URL
     * or uses a macro that does not exist
     */
    public static PostbackTemplate parse(String text) {
        if (text == null || text.isBlank()) {
            throw new InvalidPostbackTemplateException("postback_url is required");
        }
        if (text.length() > MAX_LENGTH) {
            throw new InvalidPostbackTemplateException("postback_url is longer than " + MAX_LENGTH + " characters");
        }
        List<Part> parts = new ArrayList<>();
        Set<String> unknown = new TreeSet<>();
        int position = 0;
        while (position < text.length()) {
            int open = text.indexOf('{', position);
            int strayClose = text.indexOf('}', position);
            if (strayClose >= 0 && (open < 0 || strayClose < open)) {
                throw new InvalidPostbackTemplateException(
                        "postback_url has a '}' without its '{' at position " + strayClose);
            }
            if (open < 0) {
                parts.add(new Part(text.substring(position), false));
                break;
            }
            int close = text.indexOf('}', open);
            if (close < 0) {
                throw new InvalidPostbackTemplateException("postback_url has an unclosed macro at position " + open);
            }
            if (open > position) {
                parts.add(new Part(text.substring(position, open), false));
            }
            String macro = text.substring(open + 1, close);
            if (!MACROS.contains(macro)) {
                unknown.add("{" + macro + "}");
            }
            parts.add(new Part(macro, true));
            position = close + 1;
        }
        if (!unknown.isEmpty()) {
            throw new InvalidPostbackTemplateException("postback_url uses unknown macros " + unknown
                    + "; known macros are " + new TreeSet<>(MACROS));
        }
        PostbackTemplate template = new PostbackTemplate(text, List.copyOf(parts));
        template.checkShape();
        return template;
    }

    /** Replaces every macro by its URL-encoded value; a missing value renders empty. */
    public URI render(Map<String, String> values) {
        StringBuilder url = new StringBuilder(text.length() + 64);
        for (Part part : parts) {
            if (part.macro()) {
                String value = values.get(part.text());
                if (value != null) {
                    url.append(UriUtils.encode(value, StandardCharsets.UTF_8));
                }
            }
            else {
                url.append(part.text());
            }
        }
        return URI.create(url.toString());
    }

    @Override
    public String toString() {
        return text;
    }

    /** Macros may fill the path and query only: a payout must never choose the host it is sent to. */
    private void checkShape() {
        int schemeEnd = text.indexOf("://");
        String scheme = schemeEnd < 0 ? "" : text.substring(0, schemeEnd).toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https")) {
            throw new InvalidPostbackTemplateException("postback_url must be an absolute http or https URL");
        }
        int authorityEnd = schemeEnd + 3;
        while (authorityEnd < text.length() && "/?#".indexOf(text.charAt(authorityEnd)) < 0) {
            authorityEnd++;
        }
        if (text.substring(0, authorityEnd).contains("{")) {
            throw new InvalidPostbackTemplateException("postback_url may use macros in its path and query only");
        }
        Map<String, String> sample = new HashMap<>();
        MACROS.forEach(macro -> sample.put(macro, "x"));
        try {
            URI uri = new URI(render(sample).toString());
            if (uri.getHost() == null) {
                throw new InvalidPostbackTemplateException("postback_url has no host");
            }
        }
        catch (URISyntaxException | IllegalArgumentException e) {
            throw new InvalidPostbackTemplateException("postback_url is not a valid URL: " + e.getMessage());
        }
    }

    private record Part(String text, boolean macro) {
    }
}
