package io.croupier.analytics.imports;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.format.DateTimeParseException;
import java.time.temporal.TemporalAccessor;
import java.util.Currency;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Reads the typed values of one row and collects everything wrong with it, so a row is rejected with all its errors
 * at once. The rules are the file formats' (README, File formats): times are ISO-8601, with an offset or else UTC;
 * amounts are plain decimals; currencies are ISO 4217 codes.
 */
final class Fields {

    private static final int MAX_TEXT = 256;

    private static final Pattern DECIMAL = Pattern.compile("\\d{1,15}(\\.\\d{1,10})?");

    /** {@code 2025-10-25T10:30:00Z}, {@code 2025-10-25T10:30:00+02:00}, {@code 2025-10-25 10:30:00} (UTC). */
    private static final DateTimeFormatter TIME = new DateTimeFormatterBuilder()
        .append(DateTimeFormatter.ISO_LOCAL_DATE)
        .optionalStart().appendLiteral('T').optionalEnd()
        .optionalStart().appendLiteral(' ').optionalEnd()
        .append(DateTimeFormatter.ISO_LOCAL_TIME)
        .optionalStart().appendOffsetId().optionalEnd()
        .toFormatter(Locale.ROOT);

    private final Map<String, String> values;

    private final Map<String, String> errors;

    Fields(InputRow row) {
        this.values = row.values();
        this.errors = new LinkedHashMap<>(row.readErrors());
    }

    boolean valid() {
        return errors.isEmpty();
    }

    Map<String, String> errors() {
        return errors;
    }

    String required(String column) {
        String value = optional(column);
        if (value == null && !errors.containsKey(column)) {
            errors.put(column, "is required");
        }
        return value;
    }

    String optional(String column) {
        String value = values.get(column);
        if (value != null && value.length() > MAX_TEXT) {
            errors.put(column, "is longer than " + MAX_TEXT + " characters");
            return null;
        }
        return value;
    }

    Instant instant(String column, boolean required) {
        String text = required ? required(column) : optional(column);
        if (text == null) {
            return null;
        }
        try {
            TemporalAccessor parsed = TIME.parseBest(text, OffsetDateTime::from, LocalDateTime::from);
            return parsed instanceof OffsetDateTime withOffset ? withOffset.toInstant()
                    : ((LocalDateTime) parsed).toInstant(ZoneOffset.UTC);
        }
        catch (DateTimeParseException e) {
            errors.put(column, "is not a time like 2025-10-25T10:30:00Z: '" + text + "'");
            return null;
        }
    }

    LocalDate date(String column) {
        String text = required(column);
        if (text == null) {
            return null;
        }
        try {
            return LocalDate.parse(text);
        }
        catch (DateTimeParseException e) {
            errors.put(column, "is not a date like 2025-10-25: '" + text + "'");
            return null;
        }
    }

    /** A decimal amount, greater than zero or (with {@code zeroAllowed}) at least zero. */
    BigDecimal amount(String column, boolean zeroAllowed) {
        String text = required(column);
        if (text == null) {
            return null;
        }
        if (!DECIMAL.matcher(text).matches()) {
            errors.put(column, "is not a plain decimal number like 19.99: '" + text + "'");
            return null;
        }
        BigDecimal amount = new BigDecimal(text);
        if (amount.signum() == 0 && !zeroAllowed) {
            errors.put(column, "must be greater than 0");
            return null;
        }
        return amount;
    }

    String currency(String column) {
        String text = required(column);
        if (text == null) {
            return null;
        }
        String code = text.toUpperCase(Locale.ROOT);
        if (isCurrency(code)) {
            return code;
        }
        errors.put(column, "is not an ISO 4217 currency code: '" + text + "'");
        return null;
    }

    private static boolean isCurrency(String code) {
        try {
            return code.length() == 3 && Currency.getInstance(code) != null;
        }
        catch (IllegalArgumentException e) {
            return false;
        }
    }

    /** One of {@code allowed} (compared in lower case), {@code absent} when the cell is empty. */
    String choice(String column, String absent, Set<String> allowed) {
        String text = optional(column);
        if (text == null) {
            return absent;
        }
        String value = text.toLowerCase(Locale.ROOT);
        if (!allowed.contains(value)) {
            errors.put(column, "must be one of " + String.join(", ", allowed.stream().sorted().toList()) + ": '"
                    + text + "'");
            return null;
        }
        return value;
    }

    /** Records a rule that involves more than one column. */
    void reject(String column, String message) {
        errors.putIfAbsent(column, message);
    }
}
