package io.tabhook.repl;

import io.tabhook.OwnerOnly;
import io.tabhook.dsl.SecretsInCode;
import io.tabhook.session.GivenSecrets;
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
 *
 * <p>A secret may also come in by another name ({@code p = 'X'}, then {@code signIn 'admin', p}): that line was
 * written before anything knew it held a secret. Once the session has been given a new secret, the next save takes
 * every line holding it out of the file, this session's and older ones.
 */
final class SecretSafeHistory extends DefaultHistory {
    static final int FILE_LINES = 10_000;

    private final Path file;
    private final GivenSecrets given;
    /** How many of the session's secrets the file has been cleared of. */
    private int secretsCleared;
    /** Indexes of the lines kept in memory only. */
    private final Set<Integer> heldBack = new HashSet<>();
    private int nextToWrite;
    private int linesInFile;

    /** History kept in {@code file} (null: in memory only). */
    SecretSafeHistory(Path file) {
        this(file, null);
    }

    /** History kept in {@code file}, never holding a secret {@code given} to the session (null: none). */
    SecretSafeHistory(Path file, GivenSecrets given) {
        this.file = file;
        this.given = given;
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
    public synchronized void save() throws IOException {
        if (file == null) return;
        clearGivenSecrets();
        StringBuilder lines = new StringBuilder();
        int added = 0;
        for (ListIterator<Entry> it = iterator(Math.max(nextToWrite, first())); it.hasNext(); ) {
            Entry e = it.next();
            if (heldBack.contains(e.index()) || holdsGivenSecret(e.line())) continue;
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

    /** Takes the lines holding a secret given since the last look out of the file. */
    private void clearGivenSecrets() throws IOException {
        if (given == null || given.size() == secretsCleared) return;
        secretsCleared = given.size();
        if (!Files.exists(file)) return;
        List<String> all = Files.readAllLines(file, StandardCharsets.UTF_8);
        List<String> kept = all.stream().filter(l -> !holdsGivenSecret(l) && !holdsGivenSecret(unescape(l))).toList();
        if (kept.size() == all.size()) return;
        OwnerOnly.write(file, kept.isEmpty() ? new byte[0]
                : (String.join("\n", kept) + "\n").getBytes(StandardCharsets.UTF_8));
        linesInFile = kept.size();
    }

    private boolean holdsGivenSecret(String line) {
        return given != null && !given.hide(line).equals(line);
    }

    private static String unescape(String line) {
        return line.replace("\\n", "\n").replace("\\r", "\r").replace("\\\\", "\\");
    }

    /** As JLine writes a line: a line break or backslash escaped, so one entry is one line of the file. */
    private static String escape(String line) {
        return line.replace("\\", "\\\\").replace("\n", "\\n").replace("\r", "\\r");
    }
}
