package io.tabhook.cli;

import io.tabhook.dsl.Display;
import io.tabhook.dsl.Failures;
import io.tabhook.dsl.ScriptFailure;
import io.tabhook.session.GivenSecrets;
import picocli.CommandLine;
import picocli.CommandLine.ParameterException;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Runs a script file or one expression with the DSL, and maps the outcome to an exit code and one error line.
 * Prints through the command line's writers, so a test can run it in its own JVM and read what a user would see.
 */
final class ScriptRunner {
    private final ServerOptions server;
    private final OutputOptions output;
    private final Environment environment;
    private final CommandLine commandLine;

    ScriptRunner(ServerOptions server, OutputOptions output, Environment environment, CommandLine commandLine) {
        this.server = server;
        this.output = output;
        this.environment = environment;
        this.commandLine = commandLine;
    }

    int run(String code, Path file, List<String> args) {
        if (file != null) {
            // any file that reads as text: a pipe too (`run /dev/stdin < x.groovy`, `run <(generate)`)
            if (file.toString().startsWith("-") && !Files.exists(file)) {
                throw new ParameterException(commandLine, "Unknown option: '" + file + "'");
            }
            if (Files.isDirectory(file)) throw new ParameterException(commandLine, file + " is a folder, not a script");
            if (!Files.exists(file)) throw new ParameterException(commandLine, "no script " + file);
            if (!Files.isReadable(file)) throw new ParameterException(commandLine, "cannot read " + file + ": no permission");
        }
        server.check(commandLine);
        PrintWriter out = commandLine.getOut();
        PrintWriter err = commandLine.getErr();
        String name = file != null ? file.getFileName().toString() : "-e";
        String shownAs = file != null ? file.toString() : "-e";
        try (Workspace ws = Workspace.open(server, err::println, environment);
             TraceOutput trace = output.trace == null ? null
                     : TraceOutput.open(output.trace, ws.session.secrets().hiding(err), ws.session.secrets())) {
            // From here on, whatever prints has the session's secrets masked: results, errors, stacks, println.
            GivenSecrets secrets = ws.session.secrets();
            out = secrets.hiding(out);
            err = secrets.hiding(err);
            ws.session.traceAlso(trace);
            ws.interpreter.output(out);
            Object result;
            try {
                result = file != null ? ws.interpreter.run(file.toFile(), args) : ws.interpreter.evaluate(code, "-e");
            } catch (Throwable e) {
                Throwable cause = Failures.unwrap(e);
                err.println(ScriptFailure.locate(cause, name, shownAs) + Failures.describe(cause));
                if (output.stack) cause.printStackTrace(err);
                err.flush();
                return 1;
            }
            if (output.json) {
                out.println(Display.json(result));
            } else if (file == null && result != null) {
                out.println(Display.render(result));
            }
            out.flush();
            return 0;
        } catch (RuntimeException e) {
            err.println("tabhook: " + Failures.describe(e));
            err.flush();
            return 1;
        }
    }
}
