package io.tabhook.cli;

import io.tabhook.OneLine;
import io.tabhook.OwnerOnly;
import io.tabhook.client.Exchange;
import io.tabhook.repl.Tilde;
import io.tabhook.session.GivenSecrets;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.function.Consumer;

/**
 * Where {@code --trace} writes each exchange ({@link Exchange#text()}, already redacted by the secrets policy) with
 * every secret given this session masked too: stderr, or a file made owner-only before the first byte, started
 * afresh for each run and flushed after each exchange, so what a crash leaves is readable.
 */
final class TraceOutput implements Consumer<Exchange>, AutoCloseable {
    private final PrintWriter out;
    private final boolean ownFile;

    private TraceOutput(PrintWriter out, boolean ownFile) {
        this.out = out;
        this.ownFile = ownFile;
    }

    /** For {@code --trace[=FILE]}: {@code stderr} (already masking) for {@code -}, else the file; failing in one line. */
    static TraceOutput open(String option, PrintWriter stderr, GivenSecrets secrets) {
        if (OutputOptions.STDERR.equals(option)) return new TraceOutput(stderr, false);
        Path file = Tilde.path(option);
        try {
            OwnerOnly.file(file);
            var writer = Files.newBufferedWriter(file, StandardCharsets.UTF_8, StandardOpenOption.WRITE,
                    StandardOpenOption.TRUNCATE_EXISTING);
            return new TraceOutput(secrets.hiding(writer), true);
        } catch (IOException | RuntimeException e) {
            // a file system's own words ("Is a directory", "Permission denied") rather than the exception's name
            String why = e instanceof java.nio.file.FileSystemException fs && fs.getReason() != null ? fs.getReason()
                    : e.getMessage() != null && e.getMessage().contains(file.toString())
                    ? e.getClass().getSimpleName() : OneLine.of(e);
            throw new IllegalArgumentException("--trace: cannot write " + file + " (" + why + ")");
        }
    }

    @Override
    public synchronized void accept(Exchange exchange) {
        out.println(exchange.text());
        out.println();
        out.flush();
    }

    @Override
    public void close() {
        if (ownFile) out.close();
        else out.flush();
    }
}
