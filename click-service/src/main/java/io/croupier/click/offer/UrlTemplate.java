package io.croupier.click.offer;

import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * An offer's casino URL with macros such as {@code {click_id}} or {@code {sub1}}, parsed once so that expanding it
 * on every click is a single pass. Every value is percent-encoded (RFC 3986 unreserved characters stay as they are),
 * macros may only appear after the host, and the template must be an absolute http(s) URL: a visitor is never sent
 * anywhere but the casino's own host.
 */
public final class UrlTemplate {

    /** The macros a casino URL may contain. */
    public enum Macro {
        CLICK_ID, SOURCE, CAMPAIGN, PUB, SUB1, SUB2, SUB3, SUB4, SUB5;

        final String placeholder = "{" + name().toLowerCase(Locale.ROOT) + "}";
    }

    private static final char[] HEX = "0123456789ABCDEF".toCharArray();

    private final String[] literals;

    private final Macro[] macros;

    private final boolean hasClickId;

    private final int fragmentStart;

    private UrlTemplate(String[] literals, Macro[] macros) {
        this.literals = literals;
        this.macros = macros;
        this.hasClickId = List.of(macros).contains(Macro.CLICK_ID);
        this.fragmentStart = literals[literals.length - 1].indexOf('#');
    }

    /**
     * @throws IllegalArgumentException with a message fit for the offer's author when the template is not an absolute
     *         http(s) URL, names an unknown macro or puts one into the scheme or host
     */
    public static UrlTemplate parse(String template) {
        List<String> literals = new ArrayList<>();
        List<Macro> macros = new ArrayList<>();
        int start = 0;
        int open;
        while ((open = template.indexOf('{', start)) >= 0) {
            int close = template.indexOf('}', open);
            if (close < 0) {
                throw new IllegalArgumentException("unclosed macro at position " + open);
            }
            literals.add(template.substring(start, open));
            macros.add(macro(template.substring(open, close + 1)));
            start = close + 1;
        }
        if (template.indexOf('}', start) >= 0) {
            throw new IllegalArgumentException("'}' without a macro");
        }
        literals.add(template.substring(start));
        int fragment = template.indexOf('#');
        if (fragment >= 0 && fragment < start) {
            throw new IllegalArgumentException("macros are not allowed in the fragment");
        }
        validateAsUrl(template, literals.get(0));
        return new UrlTemplate(literals.toArray(String[]::new), macros.toArray(Macro[]::new));
    }

    private static Macro macro(String placeholder) {
        for (Macro macro : Macro.values()) {
            if (macro.placeholder.equals(placeholder)) {
                return macro;
            }
        }
        throw new IllegalArgumentException("unknown macro " + placeholder + "; known are {click_id}, {source}, "
                + "{campaign}, {pub} and {sub1} to {sub5}");
    }

    private static void validateAsUrl(String template, String beforeFirstMacro) {
        URI uri;
        try {
            uri = new URI(template.replace("{", "x").replace("}", "x"));
        }
        catch (URISyntaxException e) {
            throw new IllegalArgumentException("not a valid URL: " + e.getReason());
        }
        String scheme = uri.getScheme();
        if (scheme == null || !(scheme.equalsIgnoreCase("http") || scheme.equalsIgnoreCase("https"))) {
            throw new IllegalArgumentException("must be an absolute http or https URL");
        }
        if (uri.getHost() == null || uri.getRawUserInfo() != null) {
            throw new IllegalArgumentException("must name a host, without user information");
        }
        int authorityEnd = authorityEnd(beforeFirstMacro, scheme.length() + 3);
        if (authorityEnd < 0 && beforeFirstMacro.length() < template.length()) {
            throw new IllegalArgumentException("macros are only allowed after the host");
        }
    }

    private static int authorityEnd(String url, int from) {
        for (int i = from; i < url.length(); i++) {
            char c = url.charAt(i);
            if (c == '/' || c == '?' || c == '#') {
                return i;
            }
        }
        return -1;
    }

    public boolean hasClickId() {
        return hasClickId;
    }

    /** Fills every macro with its percent-encoded value (empty when absent) and appends {@code click_id} if unused. */
    public String expand(MacroValues values) {
        StringBuilder url = new StringBuilder(256);
        for (int i = 0; i < macros.length; i++) {
            url.append(literals[i]);
            encode(values.valueOf(macros[i]), url);
        }
        String last = literals[literals.length - 1];
        if (hasClickId) {
            url.append(last);
            return url.toString();
        }
        String beforeFragment = fragmentStart < 0 ? last : last.substring(0, fragmentStart);
        url.append(beforeFragment);
        int queryStart = url.indexOf("?");
        char lastChar = url.charAt(url.length() - 1);
        if (queryStart < 0) {
            url.append('?');
        }
        else if (lastChar != '?' && lastChar != '&') {
            url.append('&');
        }
        url.append("click_id=");
        encode(values.valueOf(Macro.CLICK_ID), url);
        if (fragmentStart >= 0) {
            url.append(last, fragmentStart, last.length());
        }
        return url.toString();
    }

    static void encode(String value, StringBuilder into) {
        if (value == null) {
            return;
        }
        for (byte b : value.getBytes(StandardCharsets.UTF_8)) {
            int c = b & 0xFF;
            if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' || c == '.'
                    || c == '_' || c == '~') {
                into.append((char) c);
            }
            else {
                into.append('%').append(HEX[c >> 4]).append(HEX[c & 0xF]);
            }
        }
    }

    /** Supplies the value of each macro for one click. */
    @FunctionalInterface
    public interface MacroValues {

        String valueOf(Macro macro);
    }
}
