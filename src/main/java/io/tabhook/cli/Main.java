package io.tabhook.cli;

import io.tabhook.dsl.Failures;
import picocli.CommandLine;

/** Entry point: hands the arguments to picocli and exits with the command's code. */
public final class Main {
    private Main() {}

    public static void main(String[] args) {
        JdkSettings.applyDefaults(System.getProperties()); // before any server starts
        int code;
        if (args.length == 0) {
            // The plain shell is what users start most: skip building the whole command tree, the prompt is sooner.
            try {
                code = new TabhookCommand().call();
            } catch (Exception e) {
                System.err.println("tabhook: " + Failures.describe(e));
                code = 1;
            }
        } else {
            code = commandLine().execute(args);
        }
        if (code != 0 || !TabhookCommand.keepsRunning()) System.exit(code);
    }

    public static CommandLine commandLine() {
        CommandLine cl = new CommandLine(new TabhookCommand());
        cl.setParameterExceptionHandler((ex, args) -> {
            String command = ex.getCommandLine().getCommandName();
            ex.getCommandLine().getErr().println("tabhook: " + Failures.oneLine(ex.getMessage()) + " (" + ("tabhook".equals(command)
                    ? "tabhook --help" : "tabhook " + command + " --help") + " shows the options)");
            return 2;
        });
        cl.setExecutionExceptionHandler((ex, cmd, parsed) -> {
            cmd.getErr().println("tabhook: " + Failures.describe(ex));
            return 1;
        });
        return cl;
    }
}
