package io.tabhook.sandbox;

import io.tabhook.OneLine;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;

/**
 * What goes wrong on the sandbox's REST routes, on purpose, so a client can prove it survives Tableau Cloud: a share
 * of calls answered 500 or 503 ({@code errorRate}; a call that changes something, half of those times after the work
 * was done), a share answered 429 with {@code Retry-After} and not done ({@code rateLimit}), tokens that stop working
 * {@code expireTokens} after their sign-in (401002), {@code latency} added to every answer, a share answered with a
 * proxy's HTML page ({@code html}), and a share whose connection drops in the middle of the answer, after the work
 * ({@code drop}). Each call rolls once, from {@code seed}, so a run that goes one way can be made to go that way again.
 * Written as {@code error-rate=0.3,rate-limit=0.1,expire-tokens=3s,latency=50ms,html=0.05,drop=0.05,seed=7}.
 *
 * @param expireTokens null: tokens live as long as the sandbox's token lifetime says
 * @param seed         null: a seed is picked when the faults start ({@link #seeded()})
 */
public record Faults(double errorRate, double rateLimit, Duration expireTokens, Duration latency, double html,
                     double drop, Long seed) {

    public static final Faults OFF = new Faults(0, 0, null, Duration.ZERO, 0, 0, null);

    /** What {@link #parse} takes, as the line that says what to write shows it. */
    public static final String EXAMPLE =
            "error-rate=0.3,rate-limit=0.1,expire-tokens=3s,latency=50ms,html=0.05,drop=0.05,seed=7";

    /** How long a 429 asks the client to wait, in whole seconds ({@code Retry-After}). */
    public static final int RETRY_AFTER_SECONDS = 1;

    private static final List<String> KEYS =
            List.of("error-rate", "rate-limit", "expire-tokens", "latency", "html", "drop", "seed");

    public Faults {
        share("error-rate", errorRate);
        share("rate-limit", rateLimit);
        share("html", html);
        share("drop", drop);
        if (latency == null) latency = Duration.ZERO;
        if (latency.isNegative()) throw new IllegalArgumentException("latency cannot be negative");
        if (expireTokens != null && (expireTokens.isNegative() || expireTokens.isZero())) {
            throw new IllegalArgumentException("expire-tokens needs a time above zero, like expire-tokens=3s");
        }
        double sum = errorRate + rateLimit + html + drop;
        if (sum > 1.000001) {
            throw new IllegalArgumentException("error-rate, rate-limit, html and drop are shares of the same calls; "
                    + "together they make " + BigDecimal.valueOf(sum).setScale(6, java.math.RoundingMode.HALF_UP).stripTrailingZeros().toPlainString()
                    + ", more than 1");
        }
    }

    private static void share(String key, double value) {
        if (!(value >= 0 && value <= 1)) {
            throw new IllegalArgumentException(key + " needs a share of the calls between 0 and 1, like " + key
                    + "=0.05, not " + value);
        }
    }

    /**
     * {@code error-rate=0.3,expire-tokens=3s,…} (each optional, in any order), or {@code off} (or nothing) for none.
     * A mistake is one line that says what to write.
     */
    public static Faults parse(String spec) {
        String s = spec == null ? "" : spec.strip();
        if (s.isEmpty() || s.equalsIgnoreCase("off") || s.equalsIgnoreCase("none")) return OFF;
        Map<String, String> given = new LinkedHashMap<>();
        for (String part : s.split(",")) {
            String p = part.strip();
            if (p.isEmpty()) continue;
            int eq = p.indexOf('=');
            if (eq < 0) {
                throw new IllegalArgumentException("'" + OneLine.capped(p, 40) + "' needs a value, like "
                        + (KEYS.contains(key(p)) ? example(key(p)) : "error-rate=0.3") + "; write faults as " + EXAMPLE);
            }
            given.put(p.substring(0, eq).strip(), p.substring(eq + 1).strip());
        }
        return of(given);
    }

    /**
     * The faults named in {@code given}: keys as {@link #parse} writes them or in camel case ({@code errorRate}),
     * values as text ({@code 0.3}, {@code 3s}, {@code 50ms}, {@code 7}). Left out: none of that kind.
     */
    public static Faults of(Map<String, String> given) {
        double errorRate = 0, rateLimit = 0, html = 0, drop = 0;
        Duration expire = null, latency = Duration.ZERO;
        Long seed = null;
        for (Map.Entry<String, String> e : given.entrySet()) {
            String key = key(e.getKey());
            String value = e.getValue() == null ? "" : e.getValue().strip();
            switch (key) {
                case "error-rate" -> errorRate = share(key, value);
                case "rate-limit" -> rateLimit = share(key, value);
                case "html" -> html = share(key, value);
                case "drop" -> drop = share(key, value);
                case "expire-tokens" -> expire = time(key, value);
                case "latency" -> latency = time(key, value);
                case "seed" -> {
                    try {
                        seed = Long.parseLong(value);
                    } catch (NumberFormatException x) {
                        throw new IllegalArgumentException("seed needs a whole number, like seed=7, not '"
                                + OneLine.capped(value, 40) + "'");
                    }
                }
                default -> throw new IllegalArgumentException("unknown fault '" + OneLine.capped(e.getKey(), 40)
                        + "'; the faults are " + String.join(", ", KEYS) + ", written as " + EXAMPLE);
            }
        }
        return new Faults(errorRate, rateLimit, expire, latency, html, drop, seed);
    }

    /** {@code errorRate}, {@code ERROR_RATE} and {@code error-rate} alike. */
    private static String key(String written) {
        String k = written.strip().replace('_', '-');
        k = k.replaceAll("([a-z])([A-Z])", "$1-$2").toLowerCase(Locale.ROOT);
        return k;
    }

    private static String example(String key) {
        return switch (key) {
            case "expire-tokens" -> "expire-tokens=3s";
            case "latency" -> "latency=50ms";
            case "seed" -> "seed=7";
            case "error-rate" -> "error-rate=0.3";
            case "rate-limit" -> "rate-limit=0.1";
            default -> key + "=0.05";
        };
    }

    private static double share(String key, String value) {
        try {
            double d = Double.parseDouble(value);
            if (d >= 0 && d <= 1) return d;
        } catch (NumberFormatException ignored) {
            // said below
        }
        throw new IllegalArgumentException(key + " needs a share of the calls between 0 and 1, like " + example(key)
                + ", not '" + OneLine.capped(value, 40) + "'");
    }

    /** {@code 3s}, {@code 1.5s}, {@code 50ms}, {@code 2min}: a number and its unit. */
    private static Duration time(String key, String value) {
        var m = java.util.regex.Pattern.compile("(\\d+(?:\\.\\d+)?)\\s*(ms|s|min|m|h)").matcher(value.toLowerCase(Locale.ROOT));
        if (m.matches()) {
            BigDecimal n = new BigDecimal(m.group(1));
            long unitMillis = switch (m.group(2)) {
                case "ms" -> 1;
                case "s" -> 1_000;
                case "min", "m" -> 60_000;
                default -> 3_600_000;
            };
            return Duration.ofMillis(n.multiply(BigDecimal.valueOf(unitMillis)).longValue());
        }
        throw new IllegalArgumentException(key + " needs a time with its unit, like " + example(key) + " or "
                + key + "=500ms, not '" + OneLine.capped(value, 40) + "'");
    }

    /** True when nothing goes wrong on purpose. */
    public boolean off() {
        return errorRate == 0 && rateLimit == 0 && expireTokens == null && latency.isZero() && html == 0 && drop == 0;
    }

    /** These faults with a seed: the one given, or one picked now (shown, so the run can be repeated). */
    public Faults seeded() {
        if (seed != null || off()) return this;
        return new Faults(errorRate, rateLimit, expireTokens, latency, html, drop, new Random().nextLong() & 0xffff_ffffL);
    }

    /** As {@link #parse} reads it: {@code error-rate=0.3,expire-tokens=3s,seed=7}, or {@code off}. */
    @Override
    public String toString() {
        if (off()) return "off";
        List<String> parts = new ArrayList<>();
        if (errorRate > 0) parts.add("error-rate=" + number(errorRate));
        if (rateLimit > 0) parts.add("rate-limit=" + number(rateLimit));
        if (expireTokens != null) parts.add("expire-tokens=" + time(expireTokens));
        if (!latency.isZero()) parts.add("latency=" + time(latency));
        if (html > 0) parts.add("html=" + number(html));
        if (drop > 0) parts.add("drop=" + number(drop));
        if (seed != null) parts.add("seed=" + seed);
        return String.join(",", parts);
    }

    private static String number(double d) {
        return BigDecimal.valueOf(d).stripTrailingZeros().toPlainString();
    }

    private static String time(Duration d) {
        long ms = d.toMillis();
        return ms % 1000 == 0 ? ms / 1000 + "s" : ms + "ms";
    }

    // ---- what one call gets ----

    /** What a REST call gets instead of (or besides) its answer. */
    enum Fault {
        /** Its answer. */
        NONE,
        /** 500000, nothing done. */
        SERVER_ERROR,
        /** The work done, then 500000 instead of its answer. */
        SERVER_ERROR_AFTER,
        /** 503 from the gateway, nothing done. */
        UNAVAILABLE,
        /** The work done, then the gateway's 503. */
        UNAVAILABLE_AFTER,
        /** 429 with Retry-After, nothing done. */
        RATE_LIMITED,
        /** A proxy's HTML page (502), nothing done. */
        HTML_PAGE,
        /** The work done, the answer begun, the connection closed. */
        DROPPED;

        boolean doesTheWork() {
            return this == NONE || this == SERVER_ERROR_AFTER || this == UNAVAILABLE_AFTER || this == DROPPED;
        }
    }

    /** The rolls of one run of faults: one per call, in the order the calls come, from the seed. */
    static final class Dice {
        private final Faults faults;
        private final Random random;

        Dice(Faults faults) {
            this.faults = faults;
            this.random = new Random(faults.seed() == null ? 0 : faults.seed());
        }

        Faults faults() {
            return faults;
        }

        /** What the next call gets; {@code changes}: it changes something (any method but GET, HEAD, OPTIONS). */
        Fault roll(boolean changes) {
            if (faults.errorRate + faults.rateLimit + faults.html + faults.drop == 0) return Fault.NONE;
            double roll;
            boolean after;
            synchronized (random) {
                roll = random.nextDouble();
                after = random.nextBoolean();
            }
            double edge = faults.errorRate;
            if (roll < edge) {
                boolean unavailable = roll < edge / 2;
                if (changes && after) return unavailable ? Fault.UNAVAILABLE_AFTER : Fault.SERVER_ERROR_AFTER;
                return unavailable ? Fault.UNAVAILABLE : Fault.SERVER_ERROR;
            }
            if (roll < (edge += faults.rateLimit)) return Fault.RATE_LIMITED;
            if (roll < (edge += faults.html)) return Fault.HTML_PAGE;
            if (roll < edge + faults.drop) return Fault.DROPPED;
            return Fault.NONE;
        }
    }
}
