package io.tabhook.inbox;

import io.tabhook.OwnerOnly;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * The folder of session journals ({@code TABHOOK_HOME/deliveries}): the shell and each {@code run} journal their
 * inbox's deliveries to a file of their own there, named for when the session started. Journals are kept by what they
 * hold: one that holds no delivery leaves no file (an inbox deletes the empty journal it made when it closes, and a
 * tidy deletes one a crash left); of those that hold deliveries, every one written in the last
 * {@value #KEEP_DAYS} days is kept, and whatever their age the {@value #KEEP_LAST} most recent. A journal in use is
 * never touched. The folder is owner-only (0700), its journals 0600.
 */
public final class Journals {
    /** Journals that hold deliveries, kept whatever their age. */
    public static final int KEEP_LAST = 50;
    /** Days a journal that holds deliveries is kept, however many there are. */
    public static final int KEEP_DAYS = 30;
    private static final String SUFFIX = ".jsonl";

    private final Path folder;

    public Journals(Path folder) {
        this.folder = folder;
    }

    /** The session journals under tabhook's home folder. */
    public static Journals in(Path tabhookHome) {
        return new Journals(tabhookHome.resolve("deliveries"));
    }

    public Path folder() {
        return folder;
    }

    /**
     * Where a new session journals: a new file's name (created by the inbox, 0600, only when it opens), after the
     * folder is made owner-only and tidied. Epoch milliseconds name it, so names sort by age without a date
     * formatter on the way to the prompt.
     */
    public Path forNewSession() throws IOException {
        OwnerOnly.folder(folder);
        tidy(Instant.now());
        return folder.resolve(System.currentTimeMillis() + "-" + ProcessHandle.current().pid() + SUFFIX);
    }

    /**
     * Deletes the journals that are no longer kept: empty ones, and those that hold deliveries but are neither among
     * the {@value #KEEP_LAST} most recent nor written in the last {@value #KEEP_DAYS} days. Never one in use.
     *
     * @return how many were deleted
     */
    public int tidy(Instant now) throws IOException {
        int deleted = 0;
        int holding = 0;
        for (Path p : files()) { // newest first
            if (inUse(p)) {
                if (size(p) > 0) holding++;
                continue;
            }
            long size = size(p);
            boolean keep = size > 0 && (holding < KEEP_LAST
                    || lastWritten(p).isAfter(now.minus(Duration.ofDays(KEEP_DAYS))));
            if (size > 0) holding++;
            if (!keep && Files.deleteIfExists(p)) deleted++;
        }
        return deleted;
    }

    /** The journals, newest first, numbered from 1 as {@link #find} takes them. */
    public List<JournalInfo> list() throws IOException {
        List<JournalInfo> out = new ArrayList<>();
        for (Path p : files()) {
            long size = size(p);
            if (size == 0 && !inUse(p)) continue; // an empty journal left by a crash: nothing to open
            out.add(new JournalInfo(out.size() + 1, name(p), p, started(p), lastWritten(p), size,
                    deliveriesIn(p), Journal.openHere(p) != null, inUse(p)));
        }
        return out;
    }

    /**
     * A journal by what a user types: its number in {@link #list()} (1 the newest), its name ({@code
     * 1714641327118-4242}, with or without {@code .jsonl}), or the path of any journal file
     * ({@code ~/.tabhook/inbox.jsonl}).
     *
     * @throws IllegalArgumentException when none answers to it, with what there is
     */
    public Path find(String which) throws IOException {
        String w = which.strip();
        if (w.matches("\\d{1,4}")) {
            List<JournalInfo> all = list();
            int n = Integer.parseInt(w);
            if (n >= 1 && n <= all.size()) return all.get(n - 1).path();
            throw new IllegalArgumentException("no journal " + n + ": " + (all.isEmpty() ? "there are none in " + folder
                    : "journals() lists " + all.size() + (all.size() == 1 ? " journal" : " journals")));
        }
        String stem = w.endsWith(SUFFIX) ? w.substring(0, w.length() - SUFFIX.length()) : w;
        Path named = folder.resolve(stem + SUFFIX);
        if (!stem.contains("/") && !stem.contains("\\") && Files.isRegularFile(named)) return named;
        Path path = Path.of(w.startsWith("~/") ? System.getProperty("user.home") + w.substring(1) : w);
        if (Files.isRegularFile(path)) return path;
        throw new IllegalArgumentException("no journal '" + which + "': give its number or name as journals() lists "
                + "them, or the path of a journal file");
    }

    /** The journal files, newest first (by the start time in their names, else when they were last written). */
    private List<Path> files() throws IOException {
        if (!Files.isDirectory(folder)) return List.of();
        try (Stream<Path> s = Files.list(folder)) {
            return s.filter(p -> p.getFileName().toString().endsWith(SUFFIX) && Files.isRegularFile(p))
                    .sorted(Comparator.comparing(Journals::started).thenComparing(Path::toString).reversed())
                    .toList();
        }
    }

    static String name(Path p) {
        String n = p.getFileName().toString();
        return n.endsWith(SUFFIX) ? n.substring(0, n.length() - SUFFIX.length()) : n;
    }

    /** When the session started, from the name; else when the file was last written. */
    static Instant started(Path p) {
        String n = name(p);
        int dash = n.indexOf('-');
        try {
            return Instant.ofEpochMilli(Long.parseLong(dash < 0 ? n : n.substring(0, dash)));
        } catch (NumberFormatException e) {
            return lastWritten(p);
        }
    }

    private static Instant lastWritten(Path p) {
        try {
            return Files.getLastModifiedTime(p).toInstant();
        } catch (IOException e) {
            return Instant.EPOCH;
        }
    }

    private static long size(Path p) {
        try {
            return Files.size(p);
        } catch (IOException e) {
            return 0;
        }
    }

    /**
     * Whether an inbox has the journal open: this process's (asked without a second descriptor, which would drop its
     * lock), or another's (its lock is held).
     */
    static boolean inUse(Path p) {
        if (Journal.openHere(p) != null) return true;
        try (FileChannel c = FileChannel.open(p, StandardOpenOption.WRITE)) {
            FileLock lock = c.tryLock();
            if (lock == null) return true;
            lock.release();
            return false;
        } catch (OverlappingFileLockException e) {
            return true;
        } catch (NoSuchFileException e) {
            return false;
        } catch (IOException e) {
            return true; // cannot tell: leave it alone
        }
    }

    /** How many delivery lines a journal holds: lines that start as the inbox writes them, {@code {"seq":}. */
    static long deliveriesIn(Path p) {
        byte[] start = "{\"seq\":".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        long[] count = {0};
        int[] matched = {0}; // bytes of `start` matched at the start of the current line; -1: not a delivery line
        try {
            JournalFile.chunks(p, (chunk, n) -> {
                for (int i = 0; i < n; i++) {
                    byte b = chunk[i];
                    if (b == '\n') {
                        matched[0] = 0;
                    } else if (matched[0] >= 0 && matched[0] < start.length) {
                        matched[0] = b == start[matched[0]] ? matched[0] + 1 : -1;
                        if (matched[0] == start.length) count[0]++;
                    }
                }
            });
        } catch (IOException e) {
            return 0;
        }
        return count[0];
    }
}
