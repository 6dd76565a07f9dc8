package io.croupier.runtime.partition;

import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** How much time one partition covers, in UTC, and how its partitions are named ({@code clicks_p20261130}). */
public enum PartitionPeriod {

    DAY("yyyyMMdd", Pattern.compile("(\\d{4})(\\d{2})(\\d{2})"), ChronoUnit.DAYS),

    MONTH("yyyyMM", Pattern.compile("(\\d{4})(\\d{2})()"), ChronoUnit.MONTHS);

    private final DateTimeFormatter suffix;

    private final Pattern suffixPattern;

    private final ChronoUnit unit;

    PartitionPeriod(String suffix, Pattern suffixPattern, ChronoUnit unit) {
        this.suffix = DateTimeFormatter.ofPattern(suffix);
        this.suffixPattern = suffixPattern;
        this.unit = unit;
    }

    /** The first day of the period holding {@code day}. */
    LocalDate start(LocalDate day) {
        return this == MONTH ? day.withDayOfMonth(1) : day;
    }

    LocalDate next(LocalDate start) {
        return start.plus(1, unit);
    }

    LocalDate plus(LocalDate start, int periods) {
        return start.plus(periods, unit);
    }

    String partitionName(String table, LocalDate start) {
        return table + "_p" + suffix.format(start);
    }

    /** The start of the period a partition of {@code table} covers, or empty for any other table (the default one). */
    Optional<LocalDate> startOf(String table, String partitionName) {
        String prefix = table + "_p";
        if (!partitionName.startsWith(prefix)) {
            return Optional.empty();
        }
        Matcher m = suffixPattern.matcher(partitionName.substring(prefix.length()));
        if (!m.matches()) {
            return Optional.empty();
        }
        int day = m.group(3).isEmpty() ? 1 : Integer.parseInt(m.group(3));
        return Optional.of(LocalDate.of(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)), day));
    }

    static String timestamp(LocalDate day) {
        return day.atStartOfDay().atOffset(ZoneOffset.UTC).toString();
    }
}
