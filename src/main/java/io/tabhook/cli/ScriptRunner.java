package io.tabhook.cli;

import io.tabhook.dsl.Console;
import io.tabhook.dsl.Display;
import io.tabhook.dsl.Failures;
import io.tabhook.dsl.ScriptFailure;

import java.io.File;
import java.io.PrintWriter;
import java.util.List;

/** Runs a script file or one expression with the DSL, and maps the outcome to an exit code and one error line. */
final class ScriptRunner {
    private final ServerOptions server;
    private final boolean json;
    private final boolean stack;

    ScriptRunner(ServerOptions server, boolean json, boolean stack) {
        this.server = server;
        this.json = json;
        this.stack = stack;
    }

    int run(String code, String path, List<String> args) {
        File file = path == null ? null : new File(path);
        if (file != null && !file.isFile()) {
            System.err.println("tabhook: no script " + path + " (usage: tabhook run FILE.groovy [args…])");
            return 2;
        }
        String name = file != null ? file.getName() : "-e";
        try (Workspace ws = Workspace.open(server, Console.stderr())) {
            ws.engine.output(new PrintWriter(System.out, true));
            Object result;
            try {
                result = file != null ? ws.engine.run(file, args) : ws.engine.evaluate(code, "-e");
            } catch (Throwable e) {
                Throwable cause = Failures.unwrap(e);
                System.err.println(ScriptFailure.locate(cause, name) + Failures.describe(cause));
                if (stack) cause.printStackTrace();
                return 1;
            }
            if (json) {
                System.out.println(Display.json(result));
            } else if (file == null && result != null) {
                System.out.println(Display.render(result));
            }
            System.out.flush();
            return 0;
        } catch (RuntimeException e) {
            System.err.println("tabhook: " + Failures.describe(e));
            return 1;
        }
    }
}
