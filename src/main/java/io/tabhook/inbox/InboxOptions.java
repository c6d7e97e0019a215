package io.tabhook.inbox;

import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.time.Duration;

/**
 * How to run an {@link Inbox}.
 *
 * @param bind         address to listen on; loopback unless the user asks otherwise
 * @param port         TCP port, 0 for any free one
 * @param journal      the journal file (JSON lines), or null to keep deliveries in memory only
 * @param maxBodyBytes larger bodies are answered 413 without being read
 * @param forwardTo    pass every delivery on to this URL as well, or null
 * @param fsync        force each journal write to disk before acknowledging (group commit), not just to the OS
 * @param keepInMemory how many of the most recent deliveries {@link Inbox#deliveries()} holds (and waits with
 *                     {@code includeEarlier} and duplicate detection look back over); the journal keeps all
 * @param memoryBudget bytes the recent deliveries may hold in memory, bodies included: the newest keep their bodies
 *                     within it, older ones have theirs read back from the journal when asked (without a journal,
 *                     they leave memory whole); it also bounds the bodies waiting to be forwarded
 * @param forwardAttempts how many times a failed forward is sent in all (1: never again)
 * @param forwardPause the pause before a failed forward is sent again, doubling after each attempt
 */
public record InboxOptions(String bind, int port, Path journal, long maxBodyBytes, URI forwardTo, boolean fsync,
                           int keepInMemory, long memoryBudget, int forwardAttempts, Duration forwardPause) {
    public static final String LOOPBACK = "127.0.0.1";
    public static final long DEFAULT_MAX_BODY = 1024 * 1024;
    /** Bodies are read into one array, so the limit stays below what an array can hold. */
    public static final long LARGEST_MAX_BODY = Integer.MAX_VALUE - 16;
    /**
     * Plenty for a workshop. Bounded so a long-running inbox does not grow without end, and small because every kept
     * delivery is copied by each young GC: a 10,000 window cost six times the GC pause time under load
     * (docs/performance.md).
     */
    public static final int DEFAULT_KEEP_IN_MEMORY = 1_000;
    /**
     * 64 MiB: a thousand Tableau payloads take about 3.5 MB, so the budget only bites on large bodies (1,300 of
     * 1 MiB once took the inbox to 1.95 GB of memory).
     */
    public static final long DEFAULT_MEMORY_BUDGET = 64L * 1024 * 1024;

    public InboxOptions {
        if (bind == null || bind.isBlank()) bind = LOOPBACK;
        if (port < 0 || port > 65535) throw new IllegalArgumentException("port must be 0..65535, not " + port);
        if (maxBodyBytes < 1 || maxBodyBytes > LARGEST_MAX_BODY)
            throw new IllegalArgumentException("max body must be 1.." + LARGEST_MAX_BODY + " bytes, not " + maxBodyBytes);
        if (forwardTo != null) Forwarder.checkTarget(forwardTo);
        if (keepInMemory < 1) throw new IllegalArgumentException("keep in memory must be at least 1, not " + keepInMemory);
        if (memoryBudget < 1024 * 1024)
            throw new IllegalArgumentException("the memory budget must be at least 1 MiB (1048576 bytes), not " + memoryBudget);
        if (forwardPause == null) forwardPause = Forwarder.Retries.DEFAULT.firstPause();
        new Forwarder.Retries(forwardAttempts, forwardPause); // checks them
    }

    /** The seven settings of earlier versions; the rest as {@link #defaults()} has them. */
    public InboxOptions(String bind, int port, Path journal, long maxBodyBytes, URI forwardTo, boolean fsync,
                        int keepInMemory) {
        this(bind, port, journal, maxBodyBytes, forwardTo, fsync, keepInMemory, DEFAULT_MEMORY_BUDGET,
                Forwarder.Retries.DEFAULT.attempts(), Forwarder.Retries.DEFAULT.firstPause());
    }

    /** The six settings; keeps the default number of deliveries in memory. */
    public InboxOptions(String bind, int port, Path journal, long maxBodyBytes, URI forwardTo, boolean fsync) {
        this(bind, port, journal, maxBodyBytes, forwardTo, fsync, DEFAULT_KEEP_IN_MEMORY);
    }

    /**
     * Loopback, any free port, no journal, 1 MiB bodies, no forwarding, no fsync, 1,000 deliveries within 64 MiB in
     * memory, failed forwards tried four times.
     */
    public static InboxOptions defaults() {
        return new InboxOptions(LOOPBACK, 0, null, DEFAULT_MAX_BODY, null, false);
    }

    /**
     * A forward target as typed ({@code --forward-to}, {@code inbox.forwardTo}, {@code to:}): an http(s) URL, or one
     * line that says what is wanted.
     */
    public static URI target(String typed) {
        try {
            return Forwarder.checkTarget(new URI(typed.strip()));
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException(Forwarder.notAUrl(typed));
        }
    }

    public InboxOptions withBind(String bind) {
        return new InboxOptions(bind, port, journal, maxBodyBytes, forwardTo, fsync, keepInMemory, memoryBudget,
                forwardAttempts, forwardPause);
    }

    public InboxOptions withPort(int port) {
        return new InboxOptions(bind, port, journal, maxBodyBytes, forwardTo, fsync, keepInMemory, memoryBudget,
                forwardAttempts, forwardPause);
    }

    public InboxOptions withJournal(Path journal) {
        return new InboxOptions(bind, port, journal, maxBodyBytes, forwardTo, fsync, keepInMemory, memoryBudget,
                forwardAttempts, forwardPause);
    }

    public InboxOptions withMaxBodyBytes(long max) {
        return new InboxOptions(bind, port, journal, max, forwardTo, fsync, keepInMemory, memoryBudget,
                forwardAttempts, forwardPause);
    }

    public InboxOptions withForwardTo(URI forwardTo) {
        return new InboxOptions(bind, port, journal, maxBodyBytes, forwardTo, fsync, keepInMemory, memoryBudget,
                forwardAttempts, forwardPause);
    }

    public InboxOptions withFsync(boolean fsync) {
        return new InboxOptions(bind, port, journal, maxBodyBytes, forwardTo, fsync, keepInMemory, memoryBudget,
                forwardAttempts, forwardPause);
    }

    public InboxOptions withKeepInMemory(int keep) {
        return new InboxOptions(bind, port, journal, maxBodyBytes, forwardTo, fsync, keep, memoryBudget,
                forwardAttempts, forwardPause);
    }

    public InboxOptions withMemoryBudget(long bytes) {
        return new InboxOptions(bind, port, journal, maxBodyBytes, forwardTo, fsync, keepInMemory, bytes,
                forwardAttempts, forwardPause);
    }

    /** A failed forward is sent {@code attempts} times in all, the first pause {@code pause}, doubling after each. */
    public InboxOptions withForwardRetries(int attempts, Duration pause) {
        return new InboxOptions(bind, port, journal, maxBodyBytes, forwardTo, fsync, keepInMemory, memoryBudget,
                attempts, pause);
    }
}
