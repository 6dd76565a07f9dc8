package io.croupier.localstack;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.croupier.secrets.webhook.WebhookSecret;

/**
 * Every secret a test run used, by what it is, and the places it must never show up in. Whoever adds a kind of secret
 * to the platform (passwords, tokens, API keys) adds each value here as the run produces it; the scans then cover it
 * in every form it could be written in: as is, percent-encoded, JSON-escaped, and as the hex of a {@code bytea}.
 */
final class KnownSecrets {

    /** Shorter values would match by chance; every real secret of the platform is longer. */
    private static final int MIN_LENGTH = 8;

    private static final Pattern KEY_MATERIAL = Pattern.compile("\"value\"\\s*:\\s*\"([^\"]+)\"");

    private final Map<String, String> secrets = new LinkedHashMap<>();

    synchronized void add(String what, String secret) {
        if (secret == null || secret.length() < MIN_LENGTH) {
            throw new IllegalArgumentException(what + " is too short to look for reliably");
        }
        secrets.putIfAbsent(secret, what);
    }

    /** A Standard Webhooks secret, and the base64 of its key alone. */
    void add(String what, WebhookSecret secret) {
        add(what, secret.value());
        add(what + " (key)", secret.value().substring("whsec_".length()));
    }

    /** The key material of a Tink JSON keyset. */
    void addKeyset(String what, String keysetJson) {
        Matcher material = KEY_MATERIAL.matcher(keysetJson);
        while (material.find()) {
            add(what, material.group(1));
        }
    }

    synchronized int size() {
        return secrets.size();
    }

    synchronized List<String> kinds() {
        return secrets.values().stream().distinct().toList();
    }

    /** What was found where: the kind of secret and the text around it, the secret itself masked. */
    synchronized List<String> findIn(String where, String text) {
        List<String> found = new ArrayList<>();
        secrets.forEach((secret, what) -> {
            for (String form : forms(secret)) {
                int at = text.indexOf(form);
                if (at >= 0) {
                    String around = text.substring(Math.max(0, at - 60), Math.min(text.length(), at + form.length()
                            + 60));
                    found.add(what + " in " + where + ": ..." + around.replace(form, "<" + what + ">") + "...");
                }
            }
        });
        return found;
    }

    private static List<String> forms(String secret) {
        List<String> forms = new ArrayList<>();
        forms.add(secret);
        String formEncoded = URLEncoder.encode(secret, StandardCharsets.UTF_8);
        forms.add(formEncoded);
        forms.add(formEncoded.replace("+", "%20"));
        forms.add(secret.replace("\\", "\\\\").replace("\"", "\\\"").replace("/", "\\/"));
        forms.add(HexFormat.of().formatHex(secret.getBytes(StandardCharsets.UTF_8)));
        return forms.stream().distinct().toList();
    }
}
