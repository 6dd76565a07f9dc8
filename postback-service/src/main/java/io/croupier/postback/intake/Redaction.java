package io.croupier.postback.intake;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;
import org.springframework.web.util.UriUtils;

/**
 * What {@code postback_logs} keeps of a call: everything except the secrets in it. A parameter or JSON property is
 * secret by its name, whatever its value's type (a secret sent as a JSON number is still a secret), and a secret in
 * the URL path (seed 004's partner key) is replaced where it stands.
 */
final class Redaction {

    static final String REDACTED = "***";

    /** Names whose values are credentials, compared ignoring case. */
    static final Set<String> SECRET_NAMES = Set.of("secret", "token", "password", "api_key", "apikey",
            "access_token", "postback_secret", "signing_secret", "authorization");

    private static final JsonMapper JSON = JsonMapper.builder().build();

    /** For bodies that are not valid JSON: a secret's value up to the next delimiter, quoted or not. */
    private static final Pattern SECRET_IN_TEXT = Pattern.compile("(?i)(\"(?:" + String.join("|", SECRET_NAMES)
            + ")\"\\s*:\\s*)(\"(?:[^\"\\\\]|\\\\.)*\"?|[^,}\\s]*)");

    private Redaction() {
    }

    static boolean isSecret(String name) {
        return name != null && SECRET_NAMES.contains(name.toLowerCase(Locale.ROOT));
    }

    static String path(String path, String secretInPath) {
        if (secretInPath == null || secretInPath.isEmpty()) {
            return path;
        }
        String encoded = UriUtils.encodePathSegment(secretInPath, StandardCharsets.UTF_8);
        return path.replace(encoded, REDACTED).replace(secretInPath, REDACTED);
    }

    /** The raw query with the value of every secret parameter replaced, names compared once decoded. */
    static String query(String query) {
        if (query == null) {
            return null;
        }
        StringBuilder logged = new StringBuilder(query.length());
        for (String pair : query.split("&", -1)) {
            if (!logged.isEmpty()) {
                logged.append('&');
            }
            int equals = pair.indexOf('=');
            String name = equals < 0 ? pair : pair.substring(0, equals);
            logged.append(equals >= 0 && isSecret(decoded(name)) ? name + "=" + REDACTED : pair);
        }
        return logged.toString();
    }

    /** A JSON body with every secret property replaced at any depth; any other body with secrets cut out. */
    static String body(String body) {
        if (body == null) {
            return null;
        }
        JsonNode root;
        try {
            root = JSON.readTree(body);
        }
        catch (JacksonException e) {
            return SECRET_IN_TEXT.matcher(body).replaceAll("$1\"" + REDACTED + "\"");
        }
        return root != null && redact(root) ? JSON.writeValueAsString(root) : body;
    }

    static String form(Map<String, String> parameters) {
        Map<String, String> redacted = new LinkedHashMap<>(parameters);
        redacted.replaceAll((name, value) -> isSecret(name) ? REDACTED : value);
        return redacted.toString();
    }

    private static boolean redact(JsonNode node) {
        boolean changed = false;
        if (node instanceof ObjectNode object) {
            for (String name : object.propertyNames()) {
                if (isSecret(name)) {
                    object.put(name, REDACTED);
                    changed = true;
                }
                else {
                    changed |= redact(object.get(name));
                }
            }
        }
        else if (node.isArray()) {
            for (JsonNode element : node) {
                changed |= redact(element);
            }
        }
        return changed;
    }

    private static String decoded(String name) {
        try {
            return UriUtils.decode(name.replace('+', ' '), StandardCharsets.UTF_8);
        }
        catch (IllegalArgumentException e) {
            return name;
        }
    }
}
