package io.tabhook.inbox;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reading a journal file: line by line with where each line stands, or one line again by its place. The inbox's own
 * journal is read through the descriptor it keeps open for that ({@link Journal#readAt}): on Linux, closing any other
 * descriptor of a file drops the lock this process holds on it, and another inbox could then take the journal. Any
 * other journal (a past session's, one another process writes) is read through a descriptor of its own.
 */
final class JournalFile {
    private JournalFile() {}

    /** Where a line stands in a journal: enough to read it again. */
    record Line(Path file, long offset, int length) {
        /** The line's bytes, without its newline. */
        byte[] bytes() throws IOException {
            Journal open = Journal.openHere(file);
            if (open != null) return open.readAt(offset, length);
            try (RandomAccessFile f = new RandomAccessFile(file.toFile(), "r")) {
                byte[] b = new byte[length];
                f.seek(offset);
                f.readFully(b);
                return b;
            }
        }

        /** The exact bytes of the delivery body this line holds. */
        byte[] body() throws IOException {
            if (!(JournalLine.read(bytes()) instanceof JournalLine.Stored s)) {
                throw new IOException("the line at byte " + offset + " is no longer a delivery");
            }
            return s.body();
        }
    }

    /** Takes one whole line (without its newline) and where it stands; throwing skips the line. */
    interface LineReader {
        void line(byte[] line, Line at) throws IOException;
    }

    /** How a scan ended: where the last whole line ends, and the start of a last line without its newline, if any. */
    record End(long lastLineEnd, long fileLength, byte[] unfinishedStart) {}

    /** Reads positioned bytes; the inbox's journal and a plain file read alike. */
    interface Positioned {
        int read(long position, byte[] into, int length) throws IOException;
    }

    /**
     * Hands every non-blank whole line to {@code reader}, in file order. Lines the reader cannot take (edited by hand),
     * or longer than any line the inbox writes, are skipped; a line that cannot be read still counts towards the seq
     * numbering ({@link #seqOf}). The last line without its newline is not handed over; its start comes back in the
     * result.
     */
    static End scan(Path file, Positioned source, long length, LineReader reader) throws IOException {
        long offset = 0;
        long lineStart = 0;
        long lastLineEnd = 0;
        boolean tooLong = false;
        byte[] chunk = new byte[64 * 1024];
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        while (offset < length) {
            int n = source.read(offset, chunk, (int) Math.min(chunk.length, length - offset));
            if (n <= 0) break;
            int start = 0;
            for (int i = 0; i < n; i++) {
                if (chunk[i] != '\n') continue;
                tooLong |= !append(line, chunk, start, i - start);
                start = i + 1;
                lastLineEnd = offset + i + 1;
                byte[] bytes = line.toByteArray();
                line.reset();
                long at = lineStart;
                lineStart = lastLineEnd;
                if (tooLong || isBlank(bytes)) {
                    tooLong = false;
                    continue;
                }
                try {
                    reader.line(bytes, new Line(file, at, bytes.length));
                } catch (IOException | RuntimeException e) {
                    // an unreadable line (edited by hand) is skipped; the rest still loads
                }
            }
            tooLong |= !append(line, chunk, start, n - start);
            offset += n;
        }
        byte[] unfinished = line.size() == 0 ? null : line.toByteArray();
        return new End(lastLineEnd, offset, unfinished == null ? null
                : java.util.Arrays.copyOf(unfinished, Math.min(unfinished.length, 64)));
    }

    /** {@link #scan} of any journal file: through this process's inbox when it has it open, else directly. */
    static End scan(Path file, LineReader reader) throws IOException {
        Journal open = Journal.openHere(file);
        if (open != null) return open.scan(reader);
        try (RandomAccessFile f = new RandomAccessFile(file.toFile(), "r")) {
            return scan(file, (position, into, length) -> {
                f.seek(position);
                return f.read(into, 0, length);
            }, f.length(), reader);
        }
    }

    /** Takes a journal's bytes a chunk at a time. */
    interface ChunkReader {
        void chunk(byte[] chunk, int length);
    }

    /** Every byte of a journal file, in chunks, read as {@link #scan} reads it. */
    static void chunks(Path file, ChunkReader reader) throws IOException {
        Journal open = Journal.openHere(file);
        byte[] chunk = new byte[64 * 1024];
        if (open != null) {
            long length = open.length();
            for (long at = 0; at < length; ) {
                int n = open.read(at, chunk, (int) Math.min(chunk.length, length - at));
                if (n <= 0) break;
                reader.chunk(chunk, n);
                at += n;
            }
            return;
        }
        try (RandomAccessFile f = new RandomAccessFile(file.toFile(), "r")) {
            for (int n; (n = f.read(chunk)) > 0; ) reader.chunk(chunk, n);
        }
    }

    private static final Pattern SEQ = Pattern.compile("^\\s*\\{\\s*\"seq\"\\s*:\\s*(\\d{1,18})");

    /**
     * The seq a line (or its first bytes) starts with, or 0: even a line that cannot be read, or one a crash cut
     * short, keeps its number from being given out again.
     */
    static long seqOf(byte[] start) {
        if (start == null) return 0;
        int n = Math.min(start.length, 64);
        Matcher m = SEQ.matcher(new String(start, 0, n, java.nio.charset.StandardCharsets.ISO_8859_1));
        return m.find() ? Long.parseLong(m.group(1)) : 0;
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

    private static boolean isBlank(byte[] bytes) {
        for (byte b : bytes) if (b != ' ' && b != '\t' && b != '\r') return false;
        return true;
    }
}
