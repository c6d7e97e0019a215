package io.tabhook.repl;

import io.tabhook.session.GivenSecrets;
import org.jline.reader.LineReader;
import org.jline.terminal.Terminal;
import org.jline.utils.AttributedStringBuilder;
import org.jline.utils.AttributedStyle;

import java.io.PrintWriter;
import java.io.Writer;
import java.util.ArrayList;
import java.util.List;

/**
 * Everything the shell writes to its terminal: results, errors, a command's own output ({@code println}), the status
 * line below a running command (a spinner, a wait's countdown) and notices. Every text passes the session's
 * {@link GivenSecrets}, so a secret given this session never reaches the screen; anything written first erases the
 * status line, so the two never mix.
 *
 * <p>Notices (a delivery arrived, a forward failed, a webhook was disabled) print above the prompt while a line is
 * being typed, without disturbing it. While a command runs they are held and printed before the next prompt: a
 * command's output (a table, a payload, a password prompt) is never cut by a line from elsewhere.
 */
final class Screen {
    /** Notices held while a command runs; beyond this many only their number is kept. */
    static final int HELD_NOTICES = 20;

    private final Terminal terminal;
    private final PrintWriter raw;
    private final GivenSecrets secrets;
    private final PrintWriter out;
    private final List<String> held = new ArrayList<>();
    private int heldOver;
    private boolean statusShown;
    private boolean atLineStart = true;
    private long lastWrite = System.nanoTime();
    private LineReader reading;
    private volatile boolean notices = true;

    Screen(Terminal terminal, GivenSecrets secrets) {
        this.terminal = terminal;
        this.raw = terminal.writer();
        this.secrets = secrets;
        this.out = secrets.hiding(new Output());
    }

    /** Where results and a command's own output go: secrets masked, the status line erased first. */
    PrintWriter out() {
        return out;
    }

    void println(String text) {
        if (text == null) return;
        out.println(text);
        out.flush();
    }

    /** One line of error: a red ✗ and the message. */
    void error(String message) {
        println(styled(AttributedStyle.BOLD.foreground(AttributedStyle.RED), "✗ ") + message);
    }

    String styled(AttributedStyle style, String text) {
        AttributedStringBuilder sb = new AttributedStringBuilder();
        sb.styled(style, text);
        return sb.toAttributedString().toAnsi(terminal);
    }

    /** Shows {@code text} as the status line below the output, replacing the one shown before. */
    synchronized void status(String text) {
        raw.print("\r" + secrets.hide(text) + "\u001b[K");
        raw.flush();
        statusShown = true;
    }

    /** Erases the status line, if one shows. */
    synchronized void clearStatus() {
        if (!statusShown) return;
        raw.print("\r\u001b[K");
        raw.flush();
        statusShown = false;
    }

    /** True when nothing was written for {@code nanos} and the cursor is at the start of a line: a status line fits. */
    synchronized boolean quietFor(long nanos) {
        return atLineStart && System.nanoTime() - lastWrite >= nanos;
    }

    // ---- notices ----

    void notices(boolean on) {
        notices = on;
    }

    boolean notices() {
        return notices;
    }

    /** A line about something that happened elsewhere: above the prompt now, or before the next one. */
    void notice(String line) {
        if (!notices) return;
        String shown = secrets.hide(line);
        synchronized (this) {
            if (reading != null) {
                reading.printAbove(shown);
            } else if (held.size() < HELD_NOTICES) {
                held.add(shown);
            } else {
                heldOver++;
            }
        }
    }

    /** The prompt is about to be read with {@code reader}: held notices print now, later ones above the prompt. */
    synchronized void prompting(LineReader reader) {
        clearStatus();
        for (String line : held) raw.println(line);
        if (heldOver > 0) raw.println("… and " + heldOver + " more notices (deliveries() lists the deliveries)");
        raw.flush();
        held.clear();
        heldOver = 0;
        atLineStart = true;
        reading = reader;
    }

    /** A line was read: notices are held again until the next prompt. */
    synchronized void commandStarts() {
        reading = null;
        atLineStart = true;
        lastWrite = System.nanoTime();
    }

    /** The writer behind {@link #out()}, after the secrets are masked. */
    private final class Output extends Writer {
        @Override
        public void write(char[] chars, int off, int len) {
            write(new String(chars, off, len));
        }

        @Override
        public void write(String text, int off, int len) {
            write(text.substring(off, off + len));
        }

        @Override
        public void write(String shown) {
            if (shown.isEmpty()) return;
            synchronized (Screen.this) {
                clearStatus();
                raw.write(shown);
                atLineStart = shown.endsWith("\n");
                lastWrite = System.nanoTime();
            }
        }

        @Override
        public void flush() {
            raw.flush();
        }

        @Override
        public void close() {
            flush();
        }
    }
}
