package io.tabhook.repl;

import io.tabhook.dsl.Dsl;
import io.tabhook.dsl.Interpreter;
import io.tabhook.inbox.Inbox;
import io.tabhook.inbox.InboxOptions;
import io.tabhook.sandbox.Sandbox;
import io.tabhook.sandbox.SandboxOptions;
import io.tabhook.session.Session;
import io.tabhook.session.Settings;
import org.jline.terminal.Size;
import org.jline.terminal.Terminal;
import org.jline.terminal.TerminalBuilder;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PipedInputStream;
import java.io.PipedOutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * Drives the real shell through a JLine terminal fed by a pipe, as a user at a keyboard would: keys in, screen
 * text out. The sandbox and inbox run for real on loopback.
 */
final class ShellDriver implements AutoCloseable {
    final Sandbox sandbox;
    final Inbox inbox;
    final Session session;
    final Dsl dsl;
    final Repl repl;
    private final Terminal terminal;
    private final OutputStream keys;
    private final ByteArrayOutputStream screen = new ByteArrayOutputStream();
    private final Thread loop;
    private int mark;

    /**
     * How the shell under test is set up; by default as {@code tabhook} starts it: on its embedded sandbox.
     *
     * @param embedded     the sandbox is the shell's own (demo secrets, {@code sandbox.*}); false: a server it was
     *                     pointed at, as with {@code --server}
     * @param server       the server, null for the sandbox
     * @param user         {@code --user}: sign in after the banner
     * @param retryBackoff the sandbox's first retry delay
     */
    record Setup(boolean embedded, URI server, String user, Duration retryBackoff) {
        static Setup embeddedSandbox() {
            return new Setup(true, null, null, SandboxOptions.defaults().retryBackoff());
        }

        Setup withRetryBackoff(Duration backoff) {
            return new Setup(embedded, server, user, backoff);
        }

        /** {@code tabhook --server URL --user U}, with the sandbox as that server unless {@code server} is given. */
        static Setup serverWithUser(URI server, String user) {
            return new Setup(false, server, user, SandboxOptions.defaults().retryBackoff());
        }
    }

    ShellDriver(Path home, Map<String, String> env) throws IOException {
        this(home, env, Setup.embeddedSandbox());
    }

    ShellDriver(Path home, Map<String, String> env, Setup setup) throws IOException {
        sandbox = Sandbox.start(SandboxOptions.defaults().withRetryBackoff(setup.retryBackoff()));
        inbox = Inbox.start(InboxOptions.defaults());
        Settings settings = new Settings().server(setup.server() != null ? setup.server() : sandbox.baseUrl());
        if (setup.user() != null) settings.user(setup.user());
        session = new Session(settings, Duration.ofSeconds(10));
        dsl = new Dsl(session, inbox, setup.embedded() ? sandbox : null, null, env::get);
        Interpreter interpreter = new Interpreter(dsl);
        PipedInputStream in = new PipedInputStream(1 << 16);
        keys = new PipedOutputStream(in);
        terminal = TerminalBuilder.builder().system(false).type("xterm-256color").size(new Size(160, 50))
                .streams(in, new SynchronizedSink(screen)).build();
        // Like a real tty: Ctrl-C is a signal, not a character.
        org.jline.terminal.Attributes attrs = terminal.getAttributes();
        attrs.setLocalFlag(org.jline.terminal.Attributes.LocalFlag.ISIG, true);
        attrs.setControlChar(org.jline.terminal.Attributes.ControlChar.VINTR, 3);
        terminal.setAttributes(attrs);
        repl = new Repl(terminal, interpreter, session, home.resolve("history"), List.of("tabhook test shell"));
        dsl.console(repl.console());
        if (setup.user() != null) repl.signInFirst();
        loop = new Thread(repl::run, "shell-under-test");
        loop.setDaemon(true);
        loop.start();
    }

    /** The shell on its embedded sandbox, which retries a failed delivery after 20 ms (then 40, 80): disables fast. */
    static ShellDriver quickRetries(Path home) throws IOException {
        return new ShellDriver(home, Map.of(), Setup.embeddedSandbox().withRetryBackoff(Duration.ofMillis(20)));
    }

    /**
     * Signs in as admin, creates a webhook called {@code name} for WorkbookCreated at a loopback port where nothing
     * listens, and publishes a workbook: its four attempts fail and the sandbox disables it. Answers what the screen
     * showed from the publish to the end of the notice of the disable.
     */
    String webhookDisabledByFailedDeliveries(String name) throws Exception {
        run("signIn", "admin@Default");
        run("createWebhook name: \"" + name + "\", event: 'WorkbookCreated', url: '" + closedPort() + "'", name);
        String shown = run("sandbox.createWorkbook('Nobody Hears')",
                "the sandbox disabled webhook '" + name + "' after 4 failed deliveries");
        return shown + waitFor("enabled: true turns it back on");
    }

    /** A loopback URL where nothing listens: a destination that refuses every delivery at once. */
    static URI closedPort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return URI.create("http://127.0.0.1:" + s.getLocalPort() + "/automation");
        }
    }

    /** Types text (use \r for Enter, \t for Tab, \u0003 for Ctrl-C). */
    void type(String text) throws IOException {
        keys.write(text.getBytes(StandardCharsets.UTF_8));
        keys.flush();
    }

    /** Ctrl-D at the prompt, once the line reader is reading again (as a user sees the prompt before pressing it). */
    void ctrlD() throws IOException, InterruptedException {
        awaitReading();
        type("\u0004");
    }

    /**
     * Ctrl-C, while a command runs or at a prompt. On a real tty the kernel turns the key into SIGINT and JLine
     * raises INT on the terminal; the test's pty belongs to no process group the kernel could signal, so raise it as
     * the OS would.
     */
    void ctrlC() throws IOException {
        terminal.raise(Terminal.Signal.INT);
    }

    /**
     * Types {@code line} and Enter, and waits for {@code until} to show in what the line printed (after the echo of
     * the line itself, so a line that contains its own expected text does not count as answered); returns what the
     * screen showed since.
     */
    String run(String line, String until) throws IOException, InterruptedException {
        awaitReading();
        mark();
        type(line + "\r");
        return waitFor(until, true);
    }

    /**
     * Waits (a few seconds at most, without failing: a test may type into a running command) until the line reader is
     * reading again, its bracketed paste switched on ({@code ESC[?2004h}) after it was last switched off: typed before
     * that, a line is echoed by the pty in cooked mode, secrets and all, which a busy machine made happen.
     */
    private void awaitReading() throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        while (System.nanoTime() < deadline) {
            String raw = everything();
            if (raw.lastIndexOf("\u001b[?2004h") > raw.lastIndexOf("\u001b[?2004l")) return;
            Thread.sleep(10);
        }
    }

    /** Waits until the screen shows {@code text} after the last mark; returns what appeared. */
    String waitFor(String text) throws InterruptedException {
        return waitFor(text, false);
    }

    private String waitFor(String text, boolean afterEcho) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(45).toNanos(); // generous: Chromium tests may share the cores
        while (System.nanoTime() < deadline) {
            String s = plainSinceMark();
            int from = afterEcho ? s.indexOf('\n') : 0;
            if (from >= 0 && s.indexOf(text, from) >= 0) return s;
            Thread.sleep(10);
        }
        throw new AssertionError("screen never showed '" + text + "'; it shows:\n" + plainSinceMark());
    }

    /** Forget what the screen showed so far: the next waitFor looks only at new output. */
    void mark() {
        synchronized (screen) {
            mark = screen.toString(StandardCharsets.UTF_8).length(); // in characters: the spinner and ✗ are multi-byte
        }
    }

    String plainSinceMark() {
        String raw;
        synchronized (screen) {
            raw = screen.toString(StandardCharsets.UTF_8);
            raw = raw.substring(Math.min(mark, raw.length()));
        }
        return raw.replaceAll("\u001b\\[[0-9;?]*[ -/]*[@-~]", "").replaceAll("\u001b[()][0-9A-B]", "");
    }

    String everything() {
        synchronized (screen) {
            return screen.toString(StandardCharsets.UTF_8);
        }
    }

    boolean running() { return loop.isAlive(); }

    /** Where the shell's thread is, for a failure message. */
    String loopStack() {
        StringBuilder sb = new StringBuilder();
        for (StackTraceElement e : loop.getStackTrace()) sb.append("  at ").append(e).append('\n');
        return sb.toString();
    }

    void join() throws InterruptedException { loop.join(30_000); }

    @Override
    public void close() throws IOException {
        try {
            // Ctrl-D ends the shell only on an empty line (elsewhere it deletes a character), and a test may leave
            // text there: go to its end and clear it first (Ctrl-E, Ctrl-U), or the join waits its whole 5 s
            type("\u0005\u0015\u0004");
            loop.join(5_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        terminal.close();
        inbox.close();
        sandbox.close();
    }

    private static final class SynchronizedSink extends OutputStream {
        private final ByteArrayOutputStream target;

        SynchronizedSink(ByteArrayOutputStream target) { this.target = target; }

        @Override
        public void write(int b) {
            synchronized (target) { target.write(b); }
        }

        @Override
        public void write(byte[] b, int off, int len) {
            synchronized (target) { target.write(b, off, len); }
        }
    }
}
