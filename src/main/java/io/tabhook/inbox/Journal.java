package io.tabhook.inbox;

import java.io.ByteArrayOutputStream;
import java.io.Closeable;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * The journal file: lines appended whole, before the deliveries they hold are acknowledged. Only the inbox that
 * holds the file's lock writes to it. What a line says is {@link JournalLine}'s business.
 *
 * <p>Reads and writes go through {@link RandomAccessFile}, not its channel: a thread interrupted during a channel
 * write closes the channel for every later delivery, and any thread may commit others' lines (a relay's, or the
 * forwarder's when {@code forwardTo} replaces it).
 */
final class Journal implements Closeable {
    private final Path path;
    private final RandomAccessFile file;
    private final FileLock lock;
    private final boolean fsync;
    private long size;

    private Journal(Path path, RandomAccessFile file, FileLock lock, boolean fsync) {
        this.path = path;
        this.file = file;
        this.lock = lock;
        this.fsync = fsync;
    }

    static Journal open(Path path, boolean fsync) throws IOException {
        Path parent = path.toAbsolutePath().getParent();
        if (parent != null) Files.createDirectories(parent);
        RandomAccessFile file = new RandomAccessFile(path.toFile(), "rw");
        FileLock lock;
        try {
            lock = file.getChannel().tryLock();
        } catch (OverlappingFileLockException e) {
            lock = null;
        }
        if (lock == null) {
            file.close();
            throw new IOException("journal " + path + " is in use by another inbox");
        }
        return new Journal(path, file, lock, fsync);
    }

    Path path() { return path; }

    /** Takes one line of the journal, without its newline; throwing skips the line. */
    interface LineReader {
        void line(byte[] line) throws IOException;
    }

    /**
     * Hands every non-blank line to {@code reader}, in file order, and leaves the file at its end. A last line
     * without its newline is a write cut short by a crash; it was never acknowledged, so it is cut off and the file
     * stays valid JSON lines. Lines the reader cannot take (edited by hand), or longer than any line the inbox
     * writes, are skipped.
     */
    void read(LineReader reader) throws IOException {
        long offset = 0;
        long lastLineEnd = 0;
        boolean tooLong = false;
        file.seek(0);
        byte[] chunk = new byte[64 * 1024];
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        int n;
        while ((n = file.read(chunk)) > 0) {
            int start = 0;
            for (int i = 0; i < n; i++) {
                if (chunk[i] != '\n') continue;
                tooLong |= !append(line, chunk, start, i - start);
                start = i + 1;
                lastLineEnd = offset + i + 1;
                byte[] bytes = line.toByteArray();
                line.reset();
                if (tooLong || isBlank(bytes)) {
                    tooLong = false;
                    continue;
                }
                try {
                    reader.line(bytes);
                } catch (IOException | RuntimeException e) {
                    // an unreadable line (edited by hand) is skipped; the rest still loads
                }
            }
            tooLong |= !append(line, chunk, start, n - start);
            offset += n;
        }
        if (offset > lastLineEnd) file.setLength(lastLineEnd);
        size = lastLineEnd;
        file.seek(size);
    }

    /** Adds to the line being read, unless that would make it longer than any line the inbox writes. */
    private static boolean append(ByteArrayOutputStream line, byte[] chunk, int from, int length) {
        if ((long) line.size() + length > JournalLine.MAX_BYTES) {
            line.reset();
            return false;
        }
        line.write(chunk, from, length);
        return true;
    }

    /**
     * Appends whole lines in one write; with fsync, forces them to disk before returning. A failed write is cut back
     * off, so a later line never follows half a line.
     */
    void write(List<byte[]> lines) throws IOException {
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

    @Override
    public void close() throws IOException {
        try {
            if (fsync) file.getFD().sync();
            lock.release();
        } finally {
            file.close();
        }
    }

    private static boolean isBlank(byte[] bytes) {
        for (byte b : bytes) if (b != ' ' && b != '\t' && b != '\r') return false;
        return true;
    }
}
