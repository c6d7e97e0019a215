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
        // -e's code may be a word that is also a command's name: `tabhook -e webhooks`, `-e inbox`, `-e sandbox`
        cl.setAllowSubcommandsAsOptionParameters(true);
        everyCommand(cl, c -> {
            // every command's --version says what `tabhook --version` says (picocli gives a subcommand none)
            if (c.getCommandSpec().versionProvider() == null) {
                c.getCommandSpec().versionProvider(cl.getCommandSpec().versionProvider());
            }
            // a script's own options pass to it (./check.groovy --verbose, where no -- can go first); tabhook's own
            // options still count wherever they stand, and one misspelled before FILE is still said to be unknown
            // (ScriptRunner). Parents come first, so this overrides what the root's call spread to the others.
            c.setUnmatchedOptionsArePositionalParams(c.getCommand() instanceof TabhookCommand
                    || c.getCommand() instanceof RunCommand);
            // a number option that is given no number says so in words, as the other options' values do
            c.registerConverter(Integer.class, new Converters.WholeInt()).registerConverter(int.class, new Converters.WholeInt())
                    .registerConverter(Long.class, new Converters.WholeNumber())
                    .registerConverter(long.class, new Converters.WholeNumber());
        });
        cl.setParameterExceptionHandler((ex, args) -> {
            CommandLine failed = ex.getCommandLine();
            // the whole command, as typed: `tabhook webhooks import --help`
            failed.getErr().println("tabhook: " + usageProblem(ex) + " (" + failed.getCommandSpec().qualifiedName()
                    + " --help shows the options)");
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

    private static void everyCommand(CommandLine command, java.util.function.Consumer<CommandLine> action) {
        action.accept(command);
        for (CommandLine sub : command.getSubcommands().values()) everyCommand(sub, action);
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
