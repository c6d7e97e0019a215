package io.tabhook.inbox;

import io.tabhook.OwnerOnly;

import java.io.Closeable;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The journal file: lines appended whole, before the deliveries they hold are acknowledged. Only the inbox that
 * holds the file's lock writes to it. What a line says is {@link JournalLine}'s business; reading lines with where
 * they stand is {@link JournalFile}'s. The file is owner-only (0600; a folder it makes, 0700): deliveries may carry
 * what their senders consider private.
 *
 * <p>Reads and writes go through {@link RandomAccessFile}, not its channel: a thread interrupted during a channel
 * write closes the channel for every later delivery, and any thread may commit others' lines (a relay's, or the
 * forwarder's when {@code forwardTo} replaces it). Bodies are read back through a second descriptor kept open as long
 * as the journal: closing a descriptor of the file would drop this process's lock on it (POSIX locks are per process).
 */
final class Journal implements Closeable {
    /** The journals this process has open, by absolute path: read through them, never through another descriptor. */
    private static final Map<Path, Journal> OPEN = new ConcurrentHashMap<>();

    private final Path path;
    private final RandomAccessFile file;
    private final RandomAccessFile reader;
    private final FileLock lock;
    private final boolean fsync;
    private final boolean created;
    private long size;

    private Journal(Path path, RandomAccessFile file, RandomAccessFile reader, FileLock lock, boolean fsync,
                    boolean created) {
        this.path = path;
        this.file = file;
        this.reader = reader;
        this.lock = lock;
        this.fsync = fsync;
        this.created = created;
    }

    /**
     * Opens (or creates, owner-only) the journal and takes its lock.
     *
     * @throws IOException when it cannot be opened, or another inbox holds it
     */
    static Journal open(Path path, boolean fsync) throws IOException {
        Path key = key(path);
        if (Files.isDirectory(key)) {
            throw new IOException("cannot journal to " + path + ": it is a folder; name a file in it, like "
                    + path.resolve("inbox.jsonl"));
        }
        boolean created = !Files.exists(key);
        OwnerOnly.file(key);
        if (OPEN.containsKey(key)) throw inUse(path);
        RandomAccessFile file = new RandomAccessFile(key.toFile(), "rw");
        FileLock lock;
        try {
            lock = file.getChannel().tryLock();
        } catch (OverlappingFileLockException e) {
            lock = null;
        }
        if (lock == null) {
            file.close();
            throw inUse(path);
        }
        RandomAccessFile reader;
        try {
            reader = new RandomAccessFile(key.toFile(), "r");
        } catch (IOException e) {
            lock.release();
            file.close();
            throw e;
        }
        Journal journal = new Journal(key, file, reader, lock, fsync, created);
        if (OPEN.putIfAbsent(key, journal) != null) {
            journal.closeFiles();
            throw inUse(path);
        }
        return journal;
    }

    private static IOException inUse(Path path) {
        return new IOException("journal " + path + " is in use by another inbox");
    }

    /** The journal this process has open at that path, or null. */
    static Journal openHere(Path path) {
        return OPEN.get(key(path));
    }

    private static Path key(Path path) {
        return path.toAbsolutePath().normalize();
    }

    Path path() { return path; }

    /**
     * Hands every whole line to {@code reader} and leaves the file at its end. A last line without its newline is a
     * write cut short by a crash; it was never acknowledged, so it is cut off and the file stays valid JSON lines. Call
     * before the first write.
     */
    JournalFile.End restore(JournalFile.LineReader lines) throws IOException {
        JournalFile.End end = scan(lines);
        if (end.fileLength() > end.lastLineEnd()) file.setLength(end.lastLineEnd());
        size = end.lastLineEnd();
        file.seek(size);
        return end;
    }

    /** Every whole line written so far, with where it stands; lines written meanwhile may or may not be seen. */
    JournalFile.End scan(JournalFile.LineReader lines) throws IOException {
        return JournalFile.scan(path, this::read, length(), lines);
    }

    /** How long the file is now. */
    long length() throws IOException {
        synchronized (reader) {
            return reader.length();
        }
    }

    /** Reads bytes at a position, through the descriptor kept for reading. */
    int read(long position, byte[] into, int length) throws IOException {
        synchronized (reader) {
            reader.seek(position);
            return reader.read(into, 0, length);
        }
    }

    /** One line again, by where it stands. */
    byte[] readAt(long offset, int length) throws IOException {
        byte[] b = new byte[length];
        synchronized (reader) {
            reader.seek(offset);
            reader.readFully(b);
        }
        return b;
    }

    /**
     * Appends whole lines in one write; with fsync, forces them to disk before returning. A failed write is cut back
     * off, so a later line never follows half a line.
     *
     * @return where the first line starts; the others follow it
     */
    long write(List<byte[]> lines) throws IOException {
        byte[] all = lines.get(0);
        if (lines.size() > 1) {
            int length = 0;
            for (byte[] line : lines) length = Math.addExact(length, line.length);
            all = new byte[length];
            int at = 0;
            for (byte[] line : lines) {
                System.arraycopy(line, 0, all, at, line.length);
                at += line.length;
            }
        }
        long start = size;
        try {
            file.write(all);
            if (fsync) file.getFD().sync();
            size = start + all.length;
            return start;
        } catch (IOException e) {
            try {
                file.setLength(start);
                file.seek(start);
            } catch (IOException ignored) {
                // the original failure is the one to report
            }
            throw e;
        }
    }

    /** Closes the file; a journal this inbox created and never wrote to leaves no file behind. */
    @Override
    public void close() throws IOException {
        try {
            // deleted while still locked, so no other inbox can have opened it meanwhile
            if (created && size == 0) Files.deleteIfExists(path);
            else if (fsync) file.getFD().sync();
            lock.release();
        } finally {
            closeFiles();
            OPEN.remove(path, this);
        }
    }

    private void closeFiles() throws IOException {
        try {
            reader.close();
        } finally {
            file.close();
        }
    }
}
