package io.tabhook.client;

import io.tabhook.HumanDuration;

import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

/** The tries of one call under a {@link Retries} policy: how many so far, since when, and the wait before the next. */
final class Tries {
    private final Retries policy;
    private final long started = System.nanoTime();
    private int count = 1;

    Tries(Retries policy) {
        this.policy = policy;
    }

    /** Tries made so far, the one under way included. */
    int count() {
        return count;
    }

    Duration elapsed() {
        return Duration.ofNanos(System.nanoTime() - started);
    }

    /**
     * The wait before the next try: what the server asked for, else the backoff (doubling from the first wait up to
     * the longest, a random time between half and all of it). Null when the next try would start after the time
     * the policy allows.
     */
    Duration nextWait(Duration asked) {
        if (policy.within().isZero()) return null;
        Duration wait = asked != null ? asked : backoff();
        return elapsed().plus(wait).compareTo(policy.within()) > 0 ? null : wait;
    }

    private Duration backoff() {
        long first = policy.firstWait().toNanos();
        long longest = policy.longestWait().toNanos();
        long base = count >= 62 || first > (longest >> Math.min(count - 1, 62)) ? longest : first << (count - 1);
        long half = base / 2;
        return Duration.ofNanos(half + ThreadLocalRandom.current().nextLong(half + 1));
    }

    /** Waits, then counts the next try. Ctrl-C (an interrupt) ends the wait and the call. */
    void waitFor(Duration wait, String call) {
        try {
            TimeUnit.NANOSECONDS.sleep(wait.toNanos());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new TableauConnectionException("interrupted while waiting to try " + call + " again", false, e);
        }
        count++;
    }

    /** {@code 4 tries over 12.5 s}: to the millisecond below a second, to the tenth above. */
    String summary() {
        Duration d = elapsed();
        Duration shown = d.compareTo(Duration.ofSeconds(1)) < 0 ? d.truncatedTo(java.time.temporal.ChronoUnit.MILLIS)
                : Duration.ofMillis(d.toMillis() / 100 * 100);
        return count + (count == 1 ? " try" : " tries") + " over " + HumanDuration.of(shown);
    }
}
