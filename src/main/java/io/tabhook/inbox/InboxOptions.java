package io.tabhook.inbox;

import java.net.URI;
import java.nio.file.Path;

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
 */
public record InboxOptions(String bind, int port, Path journal, long maxBodyBytes, URI forwardTo, boolean fsync,
                           int keepInMemory) {
    public static final String LOOPBACK = "127.0.0.1";
    public static final long DEFAULT_MAX_BODY = 1024 * 1024;
    /** Bodies are read into one array, so the limit stays below what an array can hold. */
    public static final long LARGEST_MAX_BODY = Integer.MAX_VALUE - 16;
    /**
     * Plenty for a workshop (about 3.5 MB). Bounded so a long-running inbox does not grow without end, and small
     * because every kept delivery is copied by each young GC: a 10,000 window cost six times the GC pause time
     * under load (docs/performance.md).
     */
    public static final int DEFAULT_KEEP_IN_MEMORY = 1_000;

    public InboxOptions {
        if (bind == null || bind.isBlank()) bind = LOOPBACK;
        if (port < 0 || port > 65535) throw new IllegalArgumentException("port must be 0..65535, not " + port);
        if (maxBodyBytes < 1 || maxBodyBytes > LARGEST_MAX_BODY)
            throw new IllegalArgumentException("max body must be 1.." + LARGEST_MAX_BODY + " bytes, not " + maxBodyBytes);
        if (forwardTo != null) Forwarder.checkTarget(forwardTo);
        if (keepInMemory < 1) throw new IllegalArgumentException("keep in memory must be at least 1, not " + keepInMemory);
    }

    /** The six settings; keeps the default number of deliveries in memory. */
    public InboxOptions(String bind, int port, Path journal, long maxBodyBytes, URI forwardTo, boolean fsync) {
        this(bind, port, journal, maxBodyBytes, forwardTo, fsync, DEFAULT_KEEP_IN_MEMORY);
    }

    /** Loopback, any free port, no journal, 1 MiB bodies, no forwarding, no fsync, 1,000 deliveries in memory. */
    public static InboxOptions defaults() {
        return new InboxOptions(LOOPBACK, 0, null, DEFAULT_MAX_BODY, null, false);
    }

    public InboxOptions withBind(String bind) {
        return new InboxOptions(bind, port, journal, maxBodyBytes, forwardTo, fsync, keepInMemory);
    }

    public InboxOptions withPort(int port) {
        return new InboxOptions(bind, port, journal, maxBodyBytes, forwardTo, fsync, keepInMemory);
    }

    public InboxOptions withJournal(Path journal) {
        return new InboxOptions(bind, port, journal, maxBodyBytes, forwardTo, fsync, keepInMemory);
    }

    public InboxOptions withMaxBodyBytes(long max) {
        return new InboxOptions(bind, port, journal, max, forwardTo, fsync, keepInMemory);
    }

    public InboxOptions withForwardTo(URI forwardTo) {
        return new InboxOptions(bind, port, journal, maxBodyBytes, forwardTo, fsync, keepInMemory);
    }

    public InboxOptions withFsync(boolean fsync) {
        return new InboxOptions(bind, port, journal, maxBodyBytes, forwardTo, fsync, keepInMemory);
    }

    public InboxOptions withKeepInMemory(int keep) {
        return new InboxOptions(bind, port, journal, maxBodyBytes, forwardTo, fsync, keep);
    }
}
