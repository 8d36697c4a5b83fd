package dev.roster.core.domain;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;

/** ISO-8601 UTC with exactly three fraction digits, so stored times sort as strings in time order. */
public final class Times {

    private static final DateTimeFormatter FORMAT =
            DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);

    private Times() {
    }

    public static String format(Instant instant) {
        return instant == null ? null : FORMAT.format(instant);
    }

    public static Instant parse(String value) {
        return value == null ? null : Instant.parse(value);
    }

    /** The UTC day {@code instant} falls on: daily limits count by it. */
    public static LocalDate utcDay(Instant instant) {
        return LocalDate.ofInstant(instant, ZoneOffset.UTC);
    }

    public static Instant toMillis(Instant instant) {
        return instant.truncatedTo(ChronoUnit.MILLIS);
    }
}
