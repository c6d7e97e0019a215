package io.tabhook;

import java.math.BigDecimal;
import java.time.Duration;

/**
 * A duration as people read it in a message: {@code 300 ms}, {@code 10 s}, {@code 1.5 s}, {@code 2 min},
 * {@code 1 min 30 s}, {@code 4 h}. Below a second in milliseconds; above, in hours, minutes and seconds, each left out
 * when zero, seconds to the millisecond without trailing zeros (a typed {@code timeout: 1.25} reads back as
 * {@code 1.25 s}).
 */
public final class HumanDuration {
    private HumanDuration() {}

    public static String of(Duration d) {
        if (d.isNegative()) return "-" + of(d.negated());
        long ms = d.toMillis();
        if (ms < 1000) return ms + " ms";
        long hours = ms / 3_600_000;
        long minutes = ms / 60_000 % 60;
        long secondsMs = ms % 60_000;
        StringBuilder out = new StringBuilder();
        if (hours > 0) out.append(hours).append(" h");
        if (minutes > 0) out.append(out.isEmpty() ? "" : " ").append(minutes).append(" min");
        if (secondsMs > 0) {
            out.append(out.isEmpty() ? "" : " ")
                    .append(BigDecimal.valueOf(secondsMs, 3).stripTrailingZeros().toPlainString()).append(" s");
        }
        return out.toString();
    }

    /** A number of seconds as a user typed it ({@code timeout: 0.5}), to the millisecond. */
    public static String ofSeconds(double seconds) {
        return of(Duration.ofMillis(Math.round(seconds * 1000)));
    }
}
