package io.tabhook.cli;

import io.tabhook.repl.Repl;
import org.jline.terminal.Terminal;
import org.jline.terminal.TerminalBuilder;
import picocli.CommandLine.Command;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;

/**
 * A hidden run that walks the start-up path (servers, terminal, reader, a few DSL lines) so the build can record
 * the classes it loads in an AppCDS archive: the prompt then comes up faster.
 */
@Command(name = "__train", hidden = true)
public class TrainCommand implements Callable<Integer> {
    private static final List<String> SYSTEM_TERMINAL_CLASSES = List.of(
            "io.tabhook.repl.Terminals",
            "org.jline.terminal.TerminalBuilder$SystemOutput",
            "org.jline.terminal.impl.PosixSysTerminal",
            "org.jline.terminal.impl.jni.linux.LinuxNativePty",
            "org.jline.terminal.impl.jni.linux.LinuxNativePty$1",
            "org.jline.utils.FastBufferedOutputStream",
            "org.jline.utils.Signals",
            "org.jline.utils.ShutdownHooks",
            "org.jline.utils.ShutdownHooks$1",
            "org.jline.utils.ShutdownHooks$Task");

    private final Environment environment;

    TrainCommand(Environment environment) {
        this.environment = environment;
    }

    @Override
    public Integer call() throws Exception {
        Path home = Files.createTempDirectory("tabhook-train");
        String script = String.join("\n",
                "signIn",
                "hook = createWebhook name: 'train', event: 'WorkbookCreated'",
                "sandbox.createWorkbook('Train')",
                "waitForPayload event: WorkbookCreated, timeout: 10",
                "webhooks",
                ":format json",
                "webhook('train')",
                ":format table",
                "deleteWebhook hook",
                "events",
                "help createWebhook",
                ":quit", "");
        // The session's journal and history go to a home of its own, deleted afterwards.
        Environment trainee = environment.with("TABHOOK_HOME", home.toString());
        try (Terminal terminal = TerminalBuilder.builder().system(false).type("xterm-256color")
                .streams(new ByteArrayInputStream(script.getBytes()), new ByteArrayOutputStream()).build();
             Workspace ws = Workspace.open(new ServerOptions(), line -> { }, trainee)) {
            Repl repl = new Repl(terminal, ws.interpreter, ws.session, home.resolve("history"), List.of("train"));
            ws.dsl.console(repl.console());
            repl.run(); // reads the script through the line reader, as a user's typing is read
            // `tabhook run FILE`'s path: a script compiled and kept, then loaded from what was kept.
            Path file = Files.writeString(home.resolve("train.groovy"), String.join("\n",
                    "hook = webhooks().find { it.name == 'run' } ?: createWebhook(name: 'run', event: 'WorkbookCreated')",
                    "sandbox.createWorkbook('Run')",
                    "p = waitForPayload event: 'WorkbookCreated', timeout: 10",
                    "expect p.resource_luid ==~ /[0-9a-f-]{36}/, 'a LUID'",
                    "println p.pretty()", ""));
            ws.interpreter.output(new java.io.PrintWriter(new ByteArrayOutputStream()));
            for (int i = 0; i < 2; i++) ws.interpreter.run(file.toFile(), List.of());
        } finally {
            // The shell's own terminal is a system one, which this run has none of: its classes are loaded by name.
            for (String name : SYSTEM_TERMINAL_CLASSES) {
                try {
                    Class.forName(name, false, TrainCommand.class.getClassLoader());
                } catch (ClassNotFoundException | LinkageError ignored) {
                    // another platform's
                }
            }
            try (var files = Files.walk(home)) {
                files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
        return 0;
    }
}
