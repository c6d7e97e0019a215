package io.tabhook.cli;

import io.tabhook.dsl.Console;
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
        ServerOptions options = new ServerOptions();
        options.timeoutSeconds = 30;
        try (Terminal terminal = TerminalBuilder.builder().system(false).type("xterm-256color")
                .streams(new ByteArrayInputStream(script.getBytes()), new ByteArrayOutputStream()).build();
             Workspace ws = Workspace.open(options, Console.stderr())) {
            Repl repl = new Repl(terminal, ws.engine, ws.session, home.resolve("history"), List.of("train"));
            ws.dsl.console(repl.console());
            repl.reader();
            ws.engine.warmUp();
            for (String line : script.split("\n")) repl.accept(line);
        } finally {
            try (var files = Files.walk(home)) {
                files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
        return 0;
    }
}
