package io.tabhook.repl;

import io.tabhook.OwnerOnly;
import io.tabhook.dsl.SecretsInCode;
import org.jline.reader.impl.history.DefaultHistory;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.ListIterator;
import java.util.Set;

/**
 * History whose file never holds a secret. A line that gives one ({@link SecretsInCode}: a password or PAT secret as
 * an argument, by name or by position, a value assigned to {@code pw}, a URL's {@code ?token=}) stays in this
 * session's memory, so Up-arrow brings it back as typed, but is never written to the history file. The file is
 * written here, not by JLine, so that no line can reach it another way; it is owner-only (0600) and kept to the last
 * {@value #FILE_LINES} lines, in JLine's format ({@code epochMillis:line}) so JLine reads it back as before.
 */
final class SecretSafeHistory extends DefaultHistory {
    static final int FILE_LINES = 10_000;

    private final Path file;
    /** Indexes of the lines kept in memory only. */
    private final Set<Integer> heldBack = new HashSet<>();
    private int nextToWrite;
    private int linesInFile;

    /** History kept in {@code file} (null: in memory only). */
    SecretSafeHistory(Path file) {
        this.file = file;
    }

    static boolean holdsSecret(String line) {
        return SecretsInCode.holdsSecret(line);
    }

    /** Reads the history file (JLine calls this when the reader is built). */
    @Override
    public void load() throws IOException {
        if (file != null && Files.exists(file)) {
            OwnerOnly.file(file); // a file an older tabhook left readable by others
            try (var lines = Files.lines(file, StandardCharsets.UTF_8)) {
                linesInFile = (int) lines.count();
            }
            if (isEmpty()) read(file, false);
        }
        heldBack.clear();
        nextToWrite = last() + 1;
    }

    @Override
    public void add(Instant time, String line) {
        if (holdsSecret(line)) {
            internalAdd(time, line);
            heldBack.add(last());
            return;
        }
        super.add(time, line);
    }

    /** Appends the lines typed since the last save, but those that hold a secret. */
    @Override
    public void save() throws IOException {
        if (file == null) return;
        StringBuilder lines = new StringBuilder();
        int added = 0;
        for (ListIterator<Entry> it = iterator(Math.max(nextToWrite, first())); it.hasNext(); ) {
            Entry e = it.next();
            if (heldBack.contains(e.index())) continue;
            lines.append(e.time().toEpochMilli()).append(':').append(escape(e.line())).append('\n');
            added++;
        }
        nextToWrite = last() + 1;
        if (added == 0) return;
        OwnerOnly.file(file);
        Files.writeString(file, lines, StandardCharsets.UTF_8, StandardOpenOption.APPEND);
        linesInFile += added;
        if (linesInFile > FILE_LINES) {
            List<String> all = Files.readAllLines(file, StandardCharsets.UTF_8);
            List<String> kept = all.subList(Math.max(0, all.size() - FILE_LINES), all.size());
            OwnerOnly.write(file, (String.join("\n", kept) + "\n").getBytes(StandardCharsets.UTF_8));
            linesInFile = kept.size();
        }
    }

    /** As JLine writes a line: a line break or backslash escaped, so one entry is one line of the file. */
    private static String escape(String line) {
        return line.replace("\\", "\\\\").replace("\n", "\\n").replace("\r", "\\r");
    }
}
