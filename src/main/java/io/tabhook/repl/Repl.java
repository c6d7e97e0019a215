package io.tabhook.repl;

import io.tabhook.api.WireCodec;
import io.tabhook.api.WireFormat;
import io.tabhook.client.Exchange;
import io.tabhook.dsl.Console;
import io.tabhook.dsl.Display;
import io.tabhook.dsl.Interpreter;
import io.tabhook.dsl.Failures;
import io.tabhook.dsl.ScriptFailure;
import io.tabhook.dsl.SecretsInCode;
import io.tabhook.session.Session;
import org.jline.reader.EndOfFileException;
import org.jline.reader.History;
import org.jline.reader.LineReader;
import org.jline.reader.LineReaderBuilder;
import org.jline.reader.UserInterruptException;
import org.jline.terminal.Terminal;
import org.jline.utils.AttributedString;
import org.jline.utils.AttributedStringBuilder;
import org.jline.utils.AttributedStyle;

import java.io.File;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CancellationException;
import java.util.concurrent.TimeUnit;

/**
 * The shell: reads a line, evaluates it on the {@link Evaluator}'s thread (so Ctrl-C can stop it, and a second
 * Ctrl-C leave it behind), prints the result or one line of error through the {@link Screen} (secrets masked), and
 * never lets an exception end the session.
 */
public final class Repl {
    /** How results print: tables for people, or the wire body of the call in the session's wire format. */
    enum Format { TABLE, JSON, XML }

    private final Terminal terminal;
    private final Interpreter interpreter;
    private final Session session;
    private final Path historyFile;
    private final List<String> banner;
    private final List<MetaCommand> metas = new ArrayList<>();
    private final Evaluator evaluator = new Evaluator();
    private final Screen screen;
    private final TerminalConsole console = new TerminalConsole();
    private volatile Format format = Format.TABLE;
    private volatile boolean tracing;
    private volatile Throwable lastError;
    private volatile boolean quit;
    private Runnable afterBanner = () -> { };
    private Runnable warmUp = () -> { };
    private LineReader reader;
    private final PrintWriter out;

    public Repl(Terminal terminal, Interpreter interpreter, Session session, Path historyFile, List<String> banner) {
        this.terminal = terminal;
        this.interpreter = interpreter;
        this.session = session;
        this.historyFile = historyFile;
        this.banner = banner;
        this.screen = new Screen(terminal, session.secrets());
        this.out = screen.out();
        declareMetaCommands();
    }

    /** The console the DSL talks to while this shell runs: progress lines, a countdown, masked prompts. */
    public Console console() {
        return console;
    }

    private void declareMetaCommands() {
        metas.add(new MetaCommand("help", ":help [word]", "this help, or help on a DSL word", this::help));
        metas.add(new MetaCommand("load", ":load FILE", "run a .groovy script into this session (what it prints, not its "
                + "last value, as run does)", this::load));
        metas.add(new MetaCommand("format", ":format table|json|xml", "how results print (json/xml: the wire bodies)", this::format));
        metas.add(new MetaCommand("trace", ":trace on|off", "show each HTTP exchange, secrets redacted", this::trace));
        metas.add(new MetaCommand("stack", ":stack", "the full stack of the last error", a -> stack()));
        metas.add(new MetaCommand("session", ":session", "where you are: server, site, user, token (masked)",
                a -> print(Display.render(interpreter.dsl().session()))));
        metas.add(new MetaCommand("notices", ":notices on|off", "a line above the prompt when a delivery arrives, "
                + "a forward fails, the relay drops or comes back, or the sandbox disables a webhook", this::notices));
        metas.add(new MetaCommand("open", ":open", "the inbox's page: its address, opened in your browser where "
                + "there is one", a -> openPage()));
        metas.add(new MetaCommand("history", ":history", "the lines typed (secrets masked; lines holding one "
                + "never reach the history file)", a -> history()));
        metas.add(new MetaCommand("clear", ":clear", "clear the screen", a -> {
            terminal.puts(org.jline.utils.InfoCmp.Capability.clear_screen);
            terminal.flush();
        }));
        metas.add(new MetaCommand("quit", ":quit", "leave (Ctrl-D too)", a -> quit = true));
    }

    /** Answered (or failed) once the first line typed is done: Groovy's warm-up waits for it, or for a pause. */
    private final java.util.concurrent.CountDownLatch firstLineDone = new java.util.concurrent.CountDownLatch(1);

    private void warmUpGroovy() {
        try {
            firstLineDone.await(GROOVY_WARM_UP_PAUSE_MS, java.util.concurrent.TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            return;
        }
        interpreter.warmUp();
    }

    /** How long Groovy's warm-up waits for the first line after the prompt shows. */
    static final long GROOVY_WARM_UP_PAUSE_MS = 300;

    /** Work that makes the first command fast, run beside Groovy's warm-up once the prompt is drawn. */
    public void warmUp(Runnable action) {
        this.warmUp = action;
    }

    /**
     * Signs in once the banner is shown, before the first prompt, as {@code --user} or {@code --pat-name} ask: the
     * server answers before any password prompt, Ctrl-C stops it, a failure is one line and the shell goes on.
     */
    public void signInFirst() {
        this.afterBanner = () -> {
            try {
                interpreter.dsl().signIn();
                console.log("signed in as " + session.promptLabel());
            } catch (RuntimeException e) {
                error(Failures.describe(e) + " (signIn to try again)");
            }
        };
    }

    public LineReader reader() {
        if (reader == null) {
            reader = LineReaderBuilder.builder()
                    .terminal(terminal)
                    .appName("tabhook")
                    .parser(new ShellParser())
                    .completer(new ShellCompleter(interpreter, session, () -> metas))
                    .highlighter(new ShellHighlighter())
                    .history(new SecretSafeHistory(historyFile, session.secrets()))
                    .variable(LineReader.HISTORY_FILE, historyFile)
                    .variable(LineReader.SECONDARY_PROMPT_PATTERN, "%P … ")
                    .variable(LineReader.INDENTATION, 2)
                    .variable(LineReader.LIST_MAX, 60)
                    .option(LineReader.Option.DISABLE_EVENT_EXPANSION, true)
                    .option(LineReader.Option.CASE_INSENSITIVE, true)
                    .option(LineReader.Option.AUTO_FRESH_LINE, true)
                    .option(LineReader.Option.INSERT_BRACKET, false)
                    .build();
            interpreter.output(out);
        }
        return reader;
    }

    /** Runs until :quit or Ctrl-D; returns the exit code. */
    public int run() {
        LineReader r = reader();
        terminal.handle(Terminal.Signal.INT, sig -> evaluator.interrupt());
        banner.forEach(screen::println);
        // On the evaluator, like any command: Ctrl-C stops it, and the spinner shows while the server is slow.
        runOnEvaluator(() -> {
            afterBanner.run();
            return null;
        }, null, null);
        // While the user reads the prompt (not before it is drawn): what the first command needs on one thread, and
        // Groovy's compiler on another once that command is answered or the user has not typed for a moment, so a
        // command sent at once does not share the two cores with the compiler (a lone word needs no compiler).
        for (Runnable task : List.of(warmUp, this::warmUpGroovy)) {
            Thread warm = new Thread(task, "tabhook-warmup");
            warm.setDaemon(true);
            warm.start();
        }
        List<AutoCloseable> watching = Notices.watch(interpreter.dsl(), screen);
        try {
            while (!quit) {
                String line;
                try {
                    screen.prompting(r);
                    line = r.readLine(prompt().toAnsi(terminal));
                } catch (UserInterruptException e) {
                    continue;
                } catch (EndOfFileException e) {
                    break;
                } finally {
                    screen.commandStarts();
                }
                if (line == null) break;
                accept(line);
                saveHistory(r); // a secret this line gave by another name leaves the file now, not at the end
            }
        } finally {
            for (AutoCloseable w : watching) {
                try {
                    w.close();
                } catch (Exception ignored) {
                    // leaving
                }
            }
        }
        saveHistory(r);
        evaluator.close();
        return 0;
    }

    private static void saveHistory(LineReader r) {
        try {
            r.getHistory().save();
        } catch (Exception ignored) {
            // history is a convenience
        }
    }

    /** One entry: a meta command or DSL code. Public for tests that drive the shell without a terminal loop. */
    public void accept(String line) {
        String t = line.strip();
        if (t.isEmpty()) return;
        try {
            if (t.startsWith(":")) {
                meta(t);
            } else {
                evaluate(line);
            }
        } finally {
            firstLineDone.countDown();
        }
    }

    private void meta(String line) {
        int sp = line.indexOf(' ');
        String name = (sp < 0 ? line.substring(1) : line.substring(1, sp)).trim();
        String arg = sp < 0 ? "" : line.substring(sp + 1).trim();
        Optional<MetaCommand> m = metas.stream().filter(c -> c.name().equals(name)).findFirst();
        if (m.isEmpty()) {
            // A command's unique beginning is the command (:q, :his), as in jshell and groovysh.
            List<MetaCommand> starting = name.isEmpty() ? List.of()
                    : metas.stream().filter(c -> c.name().startsWith(name)).toList();
            if (starting.size() == 1) m = Optional.of(starting.get(0));
        }
        if (m.isEmpty()) {
            List<String> near = io.tabhook.dsl.Words.closest(name, metas.stream().map(MetaCommand::name).toList());
            if (io.tabhook.dsl.Words.find(name).isPresent()) {
                error(name + " is a DSL word, not a shell command: type it without the colon");
            } else {
                error("unknown command :" + name + (near.isEmpty() ? "; :help lists the commands"
                        : "; did you mean :" + near.get(0) + "?"));
            }
            return;
        }
        try {
            m.get().handler().run(arg);
        } catch (Throwable e) {
            lastError = e;
            error(Failures.describe(e));
        }
    }

    private void evaluate(String code) {
        String command = shellCommandWithoutColon(code);
        if (command != null) {
            error(command);
            return;
        }
        runOnEvaluator(() -> interpreter.evaluate(code), null, null);
    }

    /** A name alone, or followed by an argument: {@code quit}, {@code trace on}, {@code load x.groovy}. */
    private static final java.util.regex.Pattern BARE_COMMAND =
            java.util.regex.Pattern.compile("\\s*([A-Za-z]+)(\\s+[\\w./~'\"-].*)?\\s*", java.util.regex.Pattern.DOTALL);

    /**
     * {@code quit}, {@code exit}, {@code trace on}: a shell command typed without its colon, which Groovy would call
     * an unknown word. The line that says which command it is, or null when the name is a word or a variable.
     */
    private String shellCommandWithoutColon(String code) {
        java.util.regex.Matcher m = BARE_COMMAND.matcher(code);
        if (!m.matches()) return null;
        String name = m.group(1);
        String meta = name.equals("exit") ? "quit" : name;
        if (metas.stream().noneMatch(c -> c.name().equals(meta)) || io.tabhook.dsl.Words.find(name).isPresent()
                || interpreter.variables().contains(name)) {
            return null;
        }
        return "unknown word '" + name + "'; the shell command is :" + meta
                + (meta.equals("quit") ? " (Ctrl-D also leaves)" : "");
    }

    /**
     * Runs DSL work on the evaluator thread, where Ctrl-C can stop it, shows a spinner when it is quiet for a second,
     * and prints its result (a line's, not a script's) or one line of error. For {@code :load} ({@code script} not
     * null) errors start with {@code FILE:LINE: }, the file as the user named it.
     */
    private void runOnEvaluator(Callable<Object> work, File script, String scriptShownAs) {
        Optional<Exchange> before = format == Format.TABLE ? Optional.empty() : lastExchange();
        long start = System.nanoTime();
        Evaluator.Outcome outcome = evaluator.run(work, () -> tick(start));
        screen.clearStatus();
        if (outcome instanceof Evaluator.Outcome.Done done) {
            if (script == null) show(done.value(), before);
        } else if (outcome instanceof Evaluator.Outcome.Failed failed) {
            Throwable cause = Failures.unwrap(failed.failure());
            lastError = cause;
            if (failed.interrupted() || cause instanceof InterruptedException) {
                error("interrupted");
            } else {
                String where = script == null ? "" : ScriptFailure.locate(cause, script.getName(), scriptShownAs);
                error(where + Failures.describe(cause));
            }
        } else {
            error("abandoned: it ignored Ctrl-C and may still run in the background; the next line starts afresh");
        }
    }

    /** While a command runs: a spinner once it has been quiet for a second, unless it draws its own countdown. */
    private void tick(long start) {
        if (console.busyWithTerminal()) return;
        long quiet = TimeUnit.SECONDS.toNanos(1);
        if (System.nanoTime() - start < quiet || !screen.quietFor(quiet)) return;
        long seconds = TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - start);
        String word = interpreter.dsl().running();
        String what = evaluator.interrupted() ? "stopping" + (word == null ? "" : " " + word) + " · Ctrl-C again leaves it"
                : (word == null ? "running" : word) + " · Ctrl-C stops";
        screen.status(console.spinner() + " " + what + " · " + seconds + " s");
    }

    private Optional<Exchange> lastExchange() {
        try {
            return session.signedIn() || session.settings().server() != null ? session.client().lastExchange()
                    : Optional.empty();
        } catch (RuntimeException e) {
            return Optional.empty();
        }
    }

    private void show(Object result, Optional<Exchange> before) {
        if (result == null) return;
        if (format != Format.TABLE) {
            Optional<Exchange> after = lastExchange();
            if (after.isPresent() && !after.equals(before)) {
                Exchange x = after.get();
                print(x.responseBody() == null || x.responseBody().isEmpty()
                        ? "(HTTP " + x.status() + ", no body)" : WireCodec.indent(x.responseBody().strip()));
                return;
            }
            if (format == Format.JSON) {
                print(Display.json(result));
                return;
            }
        }
        print(Display.render(result));
    }

    private void print(String text) {
        screen.println(text);
    }

    private void error(String message) {
        screen.error(message);
    }

    AttributedString prompt() {
        AttributedStringBuilder sb = new AttributedStringBuilder();
        boolean in = session.signedIn();
        sb.styled(in ? (session.expired() ? AttributedStyle.BOLD.foreground(AttributedStyle.RED)
                : AttributedStyle.BOLD.foreground(AttributedStyle.GREEN)) : AttributedStyle.DEFAULT.foreground(AttributedStyle.YELLOW),
                session.promptLabel());
        sb.append(" > ");
        return sb.toAttributedString();
    }

    // ---- meta commands ----

    private void help(String arg) {
        if (!arg.isEmpty()) {
            String word = arg.startsWith(":") ? arg.substring(1) : arg;
            Optional<MetaCommand> m = metas.stream().filter(c -> c.name().equals(word)).findFirst();
            if (m.isPresent()) {
                print(m.get().usage() + "\n  " + m.get().summary());
            } else {
                print(interpreter.dsl().help(word));
            }
            return;
        }
        print(interpreter.dsl().help());
        StringBuilder sb = new StringBuilder("\nShell commands:\n");
        for (MetaCommand m : metas) sb.append(String.format("  %-24s %s%n", m.usage(), m.summary()));
        sb.append("\nTab completes words, arguments, events and webhooks. Ctrl-C stops a command, Ctrl-D leaves.");
        print(sb.toString());
    }

    private void load(String arg) {
        if (arg.isEmpty()) {
            error(":load needs a file, e.g. :load docs/workshop/02-create-webhook.groovy");
            return;
        }
        String path = Tilde.expand(arg);
        File file = new File(path.replaceAll("^['\"]|['\"]$", ""));
        if (!file.isFile()) {
            error("no file " + file + " (Tab completes paths after :load)");
            return;
        }
        runOnEvaluator(() -> interpreter.run(file, List.of()), file, arg.replaceAll("^['\"]|['\"]$", ""));
    }

    private void format(String arg) {
        switch (arg.toLowerCase()) {
            case "table" -> format = Format.TABLE;
            case "json" -> {
                format = Format.JSON;
                session.format(WireFormat.JSON);
            }
            case "xml" -> {
                format = Format.XML;
                session.format(WireFormat.XML);
            }
            case "" -> {
                print("format: " + format.name().toLowerCase() + " (wire: " + session.format().name().toLowerCase() + ")");
                return;
            }
            default -> {
                error(":format takes table, json or xml");
                return;
            }
        }
        print("results print as " + format.name().toLowerCase()
                + (format == Format.TABLE ? "" : "; requests now use " + session.format().name().toLowerCase()));
    }

    /** Each exchange prints above the prompt from the start, as after {@code :trace on} ({@code --trace}). */
    public void traceOnScreen() {
        tracing = true;
        session.trace(this::printExchange);
    }

    private void trace(String arg) {
        switch (arg.toLowerCase()) {
            case "on" -> {
                traceOnScreen();
                print("trace on: each HTTP exchange prints, secrets redacted");
            }
            case "off" -> {
                tracing = false;
                session.trace(null);
                print("trace off");
            }
            default -> error(":trace takes on or off (now " + (tracing ? "on" : "off") + ")");
        }
    }

    private void printExchange(Exchange x) {
        print(screen.styled(AttributedStyle.DEFAULT.foreground(AttributedStyle.BRIGHT), x.text()));
    }

    /** The whole stack of the last error; its messages pass the session's secrets like everything printed. */
    private void stack() {
        if (lastError == null) {
            print("no error yet");
            return;
        }
        StringWriter sw = new StringWriter();
        lastError.printStackTrace(new PrintWriter(sw));
        print(sw.toString().stripTrailing());
    }

    private void history() {
        History h = reader().getHistory();
        for (History.Entry e : h) {
            // an entry of several lines: the later ones under the first, not at the margin among the numbers
            print(String.format("%4d  %s", e.index() + 1, SecretsInCode.masked(e.line()).replace("\n", "\n      ")));
        }
    }

    private void openPage() {
        io.tabhook.inbox.Inbox inbox = interpreter.dsl().inboxServer();
        if (inbox == null) {
            error("this shell runs no inbox");
            return;
        }
        String url = inbox.url().toString();
        print("inbox page: " + url + (openInBrowser(url) ? " (opening it in your browser)" : " (open it in a browser)"));
    }

    /**
     * Hands the address to the desktop's opener when there is a desktop: {@code open} on macOS, {@code xdg-open} under
     * X11 or Wayland. Never waits for it, and prints nothing of it over the shell.
     */
    private static boolean openInBrowser(String url) {
        String os = System.getProperty("os.name", "").toLowerCase(java.util.Locale.ROOT);
        String opener;
        if (os.contains("mac")) {
            opener = "open";
        } else if (System.getenv("DISPLAY") != null || System.getenv("WAYLAND_DISPLAY") != null) {
            opener = "xdg-open";
        } else {
            return false;
        }
        try {
            new ProcessBuilder(opener, url).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            return true;
        } catch (java.io.IOException e) {
            return false;
        }
    }

    private void notices(String arg) {
        switch (arg.toLowerCase()) {
            case "on" -> screen.notices(true);
            case "off" -> screen.notices(false);
            case "" -> { }
            default -> {
                error(":notices takes on or off (now " + (screen.notices() ? "on" : "off") + ")");
                return;
            }
        }
        print(screen.notices() ? "notices on: a line above the prompt for each delivery, failed forward, relay "
                + "drop and disabled webhook" : "notices off until :notices on");
    }

    /** Progress, countdown and masked prompts on this shell's terminal, on the status line the spinner uses. */
    private final class TerminalConsole implements Console {
        private static final String SPIN = "⠋⠙⠹⠸⠼⠴⠦⠧⠇⠏";
        private int tick;
        private volatile boolean waiting;
        private volatile boolean asking;

        @Override
        public void log(String line) {
            print(line);
        }

        @Override
        public void waiting(String what, Duration remaining) {
            waiting = true;
            long s = (remaining.toMillis() + 999) / 1000;
            screen.status(spinner() + " " + what + " … " + s + " s left (Ctrl-C stops)");
        }

        @Override
        public void doneWaiting() {
            waiting = false;
            screen.clearStatus();
        }

        @Override
        public String readSecret(String prompt) {
            asking = true;
            screen.clearStatus();
            try {
                return reader().readLine(prompt, '*');
            } catch (UserInterruptException | EndOfFileException e) {
                throw new CancellationException("cancelled at the prompt");
            } finally {
                asking = false;
            }
        }

        /** An answer shows as typed and never reaches the history. */
        private static final org.jline.reader.MaskingCallback NOT_IN_HISTORY = new org.jline.reader.MaskingCallback() {
            @Override
            public String display(String line) {
                return line;
            }

            @Override
            public String history(String line) {
                return null;
            }
        };

        @Override
        public boolean canConfirm() {
            return true;
        }

        @Override
        public Boolean confirm(String question) {
            asking = true;
            screen.clearStatus();
            try {
                String answer = reader().readLine(question, null, NOT_IN_HISTORY, null);
                return answer != null && answer.strip().toLowerCase(java.util.Locale.ROOT).matches("y|yes");
            } catch (UserInterruptException | EndOfFileException e) {
                throw new CancellationException("cancelled at the question");
            } finally {
                asking = false;
            }
        }

        /** True while a wait draws its own countdown or a masked prompt waits for typing: no spinner then. */
        boolean busyWithTerminal() {
            return waiting || asking;
        }

        synchronized char spinner() {
            return SPIN.charAt(tick++ % SPIN.length());
        }
    }
}
