package io.tabhook.dsl;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeParseException;
import java.time.temporal.TemporalAccessor;
import java.util.Date;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A point in time as a user writes it for {@code since:} and {@code until:}: a while ago ({@code '10 min'},
 * {@code '2h'}, {@code '30s'}, {@code '1 day'}), a time today ({@code '09:30'}), a local date and time
 * ({@code '2024-05-02 09:30'}), an ISO instant ({@code '2024-05-02T09:15:27Z'}), or a date, {@code Instant} or
 * {@code Date} value.
 */
final class TimeArgument {
    private TimeArgument() {}

    private static final Pattern AGO = Pattern.compile(
            "(\\d+(?:\\.\\d+)?)\\s*(s|sec|secs|seconds?|m|min|mins|minutes?|h|hours?|d|days?)(?:\\s+ago)?");

    /** The instant meant, or null when the value is null. */
    static Instant of(Object value, String arg, Instant now, ZoneId zone) {
        if (value == null) return null;
        if (value instanceof Instant i) return i;
        if (value instanceof Date d) return d.toInstant();
        if (value instanceof ZonedDateTime z) return z.toInstant();
        if (value instanceof OffsetDateTime o) return o.toInstant();
        if (value instanceof LocalDateTime l) return l.atZone(zone).toInstant();
        if (value instanceof LocalDate d) return d.atStartOfDay(zone).toInstant();
        if (value instanceof Duration d) return now.minus(d);
        String text = value instanceof TemporalAccessor || value instanceof CharSequence ? value.toString().strip() : null;
        if (text != null) {
            Matcher ago = AGO.matcher(text.toLowerCase(Locale.ROOT));
            if (ago.matches()) {
                double n = Double.parseDouble(ago.group(1));
                long unitSeconds = switch (ago.group(2).charAt(0)) {
                    case 's' -> 1;
                    case 'm' -> 60;
                    case 'h' -> 3600;
                    default -> 86_400;
                };
                return now.minusMillis(Math.round(n * unitSeconds * 1000));
            }
            try {
                return Instant.parse(text);
            } catch (DateTimeParseException notAnInstant) {
                // one of the local forms below
            }
            try {
                return OffsetDateTime.parse(text).toInstant();
            } catch (DateTimeParseException notOffset) {
                // local
            }
            try {
                return LocalDateTime.parse(text.replace(' ', 'T')).atZone(zone).toInstant();
            } catch (DateTimeParseException notLocal) {
                // a date or a time
            }
            try {
                return LocalDate.parse(text).atStartOfDay(zone).toInstant();
            } catch (DateTimeParseException notDate) {
                // a time
            }
            try {
                return LocalDate.ofInstant(now, zone).atTime(LocalTime.parse(text)).atZone(zone).toInstant();
            } catch (DateTimeParseException notTime) {
                // said below
            }
        }
        throw new DslException(arg + ": must be a time like '10 min' (ago), '09:30' (today), '2024-05-02 09:30' or "
                + "'2024-05-02T09:15:27Z', not " + (text != null ? "'" + text + "'" : "a " + value.getClass().getSimpleName()));
    }
}
