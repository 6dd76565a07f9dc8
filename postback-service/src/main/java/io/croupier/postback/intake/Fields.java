package io.croupier.postback.intake;

import java.math.BigDecimal;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Currency;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The named values of one postback, from a query string or a flat JSON object, read with the platform's validation
 * rules. Every accessor throws a {@link Rejection} naming the field, so a bad value is always a clear 400.
 */
public final class Fields {

    public static final int MAX_TEXT_LENGTH = 255;

    private static final Pattern MACRO = Pattern.compile("\\{\\{?\\s*[A-Za-z_][A-Za-z0-9_.\\-]*\\s*}}?");

    private static final JsonMapper JSON = JsonMapper.builder()
        .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
        .build();

    private static final BigDecimal MAX_AMOUNT = new BigDecimal("1000000000000");

    private static final int MAX_SCALE = 8;

    private static final Duration CLOCK_SKEW = Duration.ofHours(1);

    private final Map<String, String> values;

    private Fields(Map<String, String> values) {
        this.values = Collections.unmodifiableMap(values);
    }

    public static Fields of(Map<String, String> values) {
        return new Fields(new LinkedHashMap<>(values));
    }

    /** Reads a flat JSON object; nested values are kept as their JSON text. */
    public static Fields fromJson(String body) {
        if (body == null || body.isBlank()) {
            throw Rejection.invalid("a JSON object body is required");
        }
        JsonNode root;
        try {
            root = JSON.readTree(body);
        }
        catch (JacksonException e) {
            throw Rejection.invalid("the body is not valid JSON: " + e.getOriginalMessage());
        }
        if (root == null || !root.isObject()) {
            throw Rejection.invalid("the body must be a JSON object");
        }
        Map<String, String> values = new LinkedHashMap<>();
        root.properties().forEach(property -> {
            JsonNode node = property.getValue();
            if (node.isNull()) {
                return;
            }
            String text;
            if (node.isNumber()) {
                BigDecimal number = node.decimalValue();
                // A huge exponent written out in full would take gigabytes: keep it short and let amount() refuse it.
                boolean modest = Math.abs((long) number.precision() - number.scale()) <= 40 && number.scale() <= 40;
                text = modest ? number.toPlainString() : number.toString();
            }
            else if (node.isValueNode()) {
                text = node.asString();
            }
            else {
                text = node.toString();
            }
            values.put(property.getKey(), text);
        });
        return new Fields(values);
    }

    /** Senders that forget to fill in their template send {@code {click_id}} literally; that is never a value. */
    public Fields rejectUnreplacedMacros() {
        List<String> found = new ArrayList<>();
        values.forEach((name, value) -> {
            Matcher macro = MACRO.matcher(value);
            if (macro.find()) {
                found.add(macro.group() + " in " + name);
            }
        });
        if (!found.isEmpty()) {
            throw Rejection.invalid((found.size() == 1 ? "unreplaced macro " : "unreplaced macros ")
                    + String.join(", ", found) + ": replace them with the actual values");
        }
        return this;
    }

    public Set<String> names() {
        return values.keySet();
    }

    public String raw(String name) {
        return values.get(name);
    }

    public Optional<String> text(String name) {
        return text(name, MAX_TEXT_LENGTH);
    }

    public Optional<String> text(String name, int maxLength) {
        String value = values.get(name);
        if (value == null || value.isBlank()) {
            return Optional.empty();
        }
        String trimmed = value.strip();
        if (trimmed.length() > maxLength) {
            throw Rejection.invalid(name + " is longer than " + maxLength + " characters");
        }
        if (trimmed.chars().anyMatch(Character::isISOControl)) {
            throw Rejection.invalid(name + " contains control characters");
        }
        return Optional.of(trimmed);
    }

    public String requiredText(String name) {
        return text(name).orElseThrow(() -> Rejection.invalid(name + " is required"));
    }

    /** An exact decimal; {@code mayBeNegative} only for amounts such as profit that can go either way. */
    public Optional<BigDecimal> amount(String name, boolean mayBeNegative) {
        Optional<String> text = text(name, 40);
        if (text.isEmpty()) {
            return Optional.empty();
        }
        BigDecimal amount;
        try {
            amount = new BigDecimal(text.get());
        }
        catch (NumberFormatException e) {
            throw Rejection.invalid(name + " must be a decimal number, was '" + text.get() + "'");
        }
        if (!mayBeNegative && amount.signum() < 0) {
            throw Rejection.invalid(name + " must not be negative");
        }
        if (amount.abs().compareTo(MAX_AMOUNT) >= 0) {
            throw Rejection.invalid(name + " is too large");
        }
        if (amount.stripTrailingZeros().scale() > MAX_SCALE) {
            throw Rejection.invalid(name + " has more than " + MAX_SCALE + " decimal places");
        }
        return Optional.of(amount.scale() < 0 ? amount.setScale(0) : amount);
    }

    public BigDecimal requiredAmount(String name, boolean mayBeNegative) {
        return amount(name, mayBeNegative).orElseThrow(() -> Rejection.invalid(name + " is required"));
    }

    /** An ISO 4217 alphabetic code, upper-cased. */
    public String currency(String name, String fallback) {
        Optional<String> text = text(name, 16);
        if (text.isEmpty()) {
            return fallback;
        }
        String code = text.get().toUpperCase(Locale.ROOT);
        try {
            if (code.length() == 3 && Currency.getInstance(code) != null) {
                return code;
            }
        }
        catch (IllegalArgumentException e) {
            // falls through to the rejection below
        }
        throw Rejection.invalid(name + " '" + text.get() + "' is not an ISO 4217 currency code");
    }

    /** An ISO 8601 instant with offset, not in the future beyond clock skew. */
    public Optional<Instant> instant(String name, Instant now) {
        Optional<String> text = text(name, 40);
        if (text.isEmpty()) {
            return Optional.empty();
        }
        Instant instant;
        try {
            instant = OffsetDateTime.parse(text.get()).toInstant();
        }
        catch (DateTimeException e) {
            throw Rejection.invalid(name + " must be an ISO 8601 timestamp with offset, e.g. 2025-12-13T19:30:53Z");
        }
        if (instant.isAfter(now.plus(CLOCK_SKEW))) {
            throw Rejection.invalid(name + " is in the future");
        }
        return Optional.of(instant);
    }

    public Optional<Boolean> bool(String name) {
        return text(name, 5).map(text -> switch (text.toLowerCase(Locale.ROOT)) {
            case "true", "1" -> true;
            case "false", "0" -> false;
            default -> throw Rejection.invalid(name + " must be true or false");
        });
    }
}
