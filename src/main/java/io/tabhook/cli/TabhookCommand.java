package io.tabhook.cli;

import io.tabhook.OwnerOnly;
import io.tabhook.repl.Repl;
import io.tabhook.repl.Terminals;
import io.tabhook.sandbox.Demo;
import org.jline.terminal.Terminal;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

/** {@code tabhook}: with no subcommand, the shell; with {@code -e CODE} one expression; with a FILE, that script. */
@Command(name = "tabhook", mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        description = "A shell for the Tableau webhooks REST API, with an embedded sandbox and inbox.",
        subcommands = {RunCommand.class, SandboxCommand.class, InboxCommand.class, DoctorCommand.class,
                WebhooksCommand.class, TrainCommand.class})
public class TabhookCommand implements Callable<Integer> {
    @Mixin
    ServerOptions server = new ServerOptions();

    @Mixin
    OutputOptions output = new OutputOptions();

    @Option(names = {"-e", "--eval"}, paramLabel = "CODE", description = "run one DSL expression, print its result, exit")
    String eval;

    @Parameters(index = "0", arity = "0..1", paramLabel = "FILE", description = "a .groovy script to run (as `tabhook run FILE`)")
    Path file;

    @Parameters(index = "1..*", paramLabel = "ARGS", description = "arguments for the script")
    List<String> args = new ArrayList<>();

    @Spec
    CommandSpec spec; // null when Main starts the plain shell without picocli

    private final Environment environment;

    TabhookCommand(Environment environment) {
        this.environment = environment;
    }

    @Override
    public Integer call() throws Exception {
        if (eval != null || file != null) {
            return new ScriptRunner(server, output, environment, spec.commandLine()).run(eval, file, args);
        }
        return shell();
    }

    private int shell() throws Exception {
        long t0 = System.nanoTime();
        // The servers start on other threads while this one opens the terminal.
        if (spec != null) server.check(spec.commandLine());
        PrintWriter err = spec != null ? spec.commandLine().getErr() : new PrintWriter(System.err, true);
        java.util.concurrent.CompletableFuture<Workspace> opening = Workspace.openAsync(server, err::println, environment);
        Path home = environment.home();
        try (Terminal terminal = Terminals.open(home);
             Workspace ws = opening.join();
             TraceOutput toFile = output.trace == null || output.trace.equals(OutputOptions.STDERR) ? null
                     : TraceOutput.open(output.trace, null, ws.session.secrets())) {
            Repl repl = new Repl(terminal, ws.interpreter, ws.session, historyFile(home), banner(ws));
            ws.dsl.console(repl.console());
            ws.session.traceAlso(toFile);
            if (OutputOptions.STDERR.equals(output.trace)) repl.traceOnScreen(); // above the prompt, as :trace on
            if (!server.embedded() && (server.user != null || server.patName != null)) repl.signInFirst();
            repl.warmUp(() -> warmUp(ws, home));
            if (environment.get("TABHOOK_STARTUP_TRACE") != null) {
                err.printf("ready for the prompt %d ms after main%n", (System.nanoTime() - t0) / 1_000_000);
            }
            return repl.run();
        }
    }

    /**
     * Readies what the first command needs: on the embedded sandbox, one unauthenticated serverinfo round trip
     * (the HTTP client with its TLS set-up, both XML codecs, the sandbox's request path, the API version), plus
     * the secure random source sign-in tokens use and the result printer.
     */
    private static void warmUp(Workspace ws, Path home) {
        try {
            if (ws.sandbox != null) ws.session.client().serverInfo();
            new java.security.SecureRandom().nextInt();
            Terminals.refreshCache(home);
        } catch (RuntimeException ignored) {
            // best effort: the first real command reports its own errors
        }
    }

    private List<String> banner(Workspace ws) {
        String version = new VersionProvider().getVersion()[0];
        List<String> lines = new ArrayList<>();
        if (ws.sandbox != null) {
            lines.add(version + " · sandbox " + ws.sandbox.baseUrl() + " · inbox " + ws.inbox.url());
            if (!ws.sandbox.faults().off()) lines.add("sandbox faults: " + ws.sandbox.faults());
            lines.add("Type signIn (demo admin: " + Demo.ADMIN_USER + "/" + Demo.ADMIN_PASSWORD + ", PAT "
                    + Demo.PAT_NAME + ") · :help for help · Tab completes · Ctrl-D leaves");
        } else {
            lines.add(version + " · server " + ws.session.settings().server() + " · inbox " + ws.inbox.url());
            lines.add("Type signIn to sign in · :help for help · Tab completes · Ctrl-D leaves");
        }
        ws.dsl.relay().relay().ifPresent(r -> lines.add(1, "relay: the " + r.address().kind() + " " + r.publicUrl()
                + " feeds the inbox; inbox.url is this public address"));
        return lines;
    }

    private static Path historyFile(Path dir) {
        try {
            OwnerOnly.folder(dir);
        } catch (Exception ignored) {
            // history then lives only in memory
        }
        return dir.resolve("history");
    }
}
