package io.tabhook.client;

import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Objects;
import java.util.Optional;

/**
 * How long the client keeps trying a call the server could not answer now (a 429, 500, 502, 503 or 504, or a
 * connection dropped before the whole answer came): no new try starts later than {@code within} after the first.
 * Waits grow from {@code firstWait}, doubling up to {@code longestWait}, each a random time between half and all of
 * that, so that many clients turned away together do not all come back together; a {@code Retry-After} is waited as
 * the server asks.
 */
public record Retries(Duration within, Duration firstWait, Duration longestWait) {
    /** A minute of tries, half a second at first, never more than 15 s apart (unless the server asks for more). */
    public static final Retries DEFAULT = new Retries(Duration.ofSeconds(60), Duration.ofMillis(500),
            Duration.ofSeconds(15));
    /** One try only: what failed is said at once. */
    public static final Retries NONE = new Retries(Duration.ZERO, Duration.ofMillis(1), Duration.ofMillis(1));

    public Retries {
        Objects.requireNonNull(within, "within");
        Objects.requireNonNull(firstWait, "firstWait");
        Objects.requireNonNull(longestWait, "longestWait");
        if (within.isNegative()) throw new IllegalArgumentException("the time for tries cannot be negative");
        if (firstWait.isNegative() || firstWait.isZero() || longestWait.compareTo(firstWait) < 0) {
            throw new IllegalArgumentException("waits must be positive, the longest at least the first");
        }
    }

    /** Tries for {@code within} with the default waits ({@code --retry-for}); zero tries once. */
    public static Retries within(Duration within) {
        return new Retries(within, DEFAULT.firstWait, DEFAULT.longestWait);
    }

    /** The tries of one call, starting now. */
    Tries start() {
        return new Tries(this);
    }

    /**
     * The wait a {@code Retry-After} asks for: a number of seconds, or an HTTP date, counted from the answer's own
     * {@code Date} when it has one (so a clock that differs from the server's does not stretch it) or from now.
     * Empty when there is none or it cannot be read; a time already past is no wait.
     */
    public static Optional<Duration> retryAfter(String value, String answerDate, Instant now) {
        if (value == null || value.isBlank()) return Optional.empty();
        String v = value.strip();
        if (v.matches("\\d{1,9}")) return Optional.of(Duration.ofSeconds(Long.parseLong(v)));
        Optional<Instant> at = httpDate(v);
        if (at.isEmpty()) return Optional.empty();
        Instant from = httpDate(answerDate).orElse(now);
        Duration wait = Duration.between(from, at.get());
        return Optional.of(wait.isNegative() ? Duration.ZERO : wait);
    }

    private static Optional<Instant> httpDate(String text) {
        if (text == null || text.isBlank()) return Optional.empty();
        try {
            return Optional.of(ZonedDateTime.parse(text.strip(), DateTimeFormatter.RFC_1123_DATE_TIME).toInstant());
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }
}
