package io.tabhook.cli;

import io.tabhook.dsl.Failures;
import picocli.CommandLine;
import picocli.CommandLine.IFactory;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.TypeConversionException;

import java.util.List;

/**
 * Entry point: hands the arguments to picocli and exits with the command's
 * code (0 done, 1 failed, 2 usage), unless the command left a server running. Everything else about a run goes
 * through {@link #commandLine(Environment)}, which a test can call with its own environment and writers.
 */
public final class Main {
    private Main() {}

    public static void main(String[] args) {
        Environment environment = Environment.system();
        if (args.length == 0) {
            // The plain shell is what users start most: skip building the whole command tree, the prompt is sooner.
            int code;
            try {
                code = new TabhookCommand(environment).call();
            } catch (Exception e) {
                System.err.println("tabhook: " + Failures.describe(e));
                code = 1;
            }
            System.exit(code);
        }
        CommandLine commandLine = commandLine(environment);
        int code = commandLine.execute(args);
        if (code == 0 && leftServing(commandLine)) serveUntilCtrlC();
        System.exit(code);
    }

    /** The servers' threads are daemons (an embedded server never keeps a JVM up): main waits for Ctrl-C instead. */
    private static void serveUntilCtrlC() {
        try {
            Thread.currentThread().join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** The command tree over the process's own environment. */
    public static CommandLine commandLine() {
        return commandLine(Environment.system());
    }

    /**
     * The command tree over {@code environment}. A bad option or value prints one line and returns 2; a failure
     * that escapes a command prints one line and returns 1. Output goes to the writers set on it.
     */
    static CommandLine commandLine(Environment environment) {
        CommandLine cl = new CommandLine(TabhookCommand.class, factory(environment));
        cl.setAllowSubcommandsAsOptionParameters(true); // -e sandbox, -e webhooks: DSL words that are also subcommands
        cl.setParameterExceptionHandler((ex, args) -> {
            CommandLine failed = ex.getCommandLine();
            String command = failed.getCommandName();
            failed.getErr().println("tabhook: " + usageProblem(ex) + " (" + ("tabhook".equals(command)
                    ? "tabhook --help" : "tabhook " + command + " --help") + " shows the options)");
            failed.getErr().flush();
            return 2;
        });
        cl.setExecutionExceptionHandler((ex, cmd, parsed) -> {
            cmd.getErr().println("tabhook: " + Failures.describe(ex));
            cmd.getErr().flush();
            return 1;
        });
        return cl;
    }

    /** A bad value names its option first: {@code --api-version: 'three' is not an API version; …}. */
    private static String usageProblem(CommandLine.ParameterException ex) {
        if (!(ex.getCause() instanceof TypeConversionException bad)) return Failures.oneLine(ex.getMessage());
        String problem = Failures.oneLine(bad.getMessage());
        if (ex.getArgSpec() instanceof OptionSpec option && !problem.startsWith(option.longestName())) {
            problem = option.longestName() + ": " + problem;
        }
        return problem;
    }

    /** Commands take the environment through their constructor when they have one that does. */
    private static IFactory factory(Environment environment) {
        IFactory picocli = CommandLine.defaultFactory();
        return new IFactory() {
            @Override
            public <K> K create(Class<K> type) throws Exception {
                try {
                    return type.getDeclaredConstructor(Environment.class).newInstance(environment);
                } catch (NoSuchMethodException none) {
                    return picocli.create(type);
                }
            }
        };
    }

    /** True when the command that ran started a server that outlives it ({@code sandbox}, {@code inbox}). */
    private static boolean leftServing(CommandLine commandLine) {
        if (commandLine.getParseResult() == null) return false;
        List<CommandLine> ran = commandLine.getParseResult().asCommandLineList();
        return ran.get(ran.size() - 1).getCommand() instanceof ServingCommand s && s.serving();
    }
}
