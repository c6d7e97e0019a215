package io.tabhook.cli;

import picocli.CommandLine.Command;

import java.util.concurrent.Callable;

/** {@code tabhook}: with no subcommand, the shell. */
@Command(name = "tabhook", mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        description = "A shell for the Tableau webhooks REST API, with an embedded sandbox and inbox.",
        subcommands = {SandboxCommand.class, InboxCommand.class})
public class TabhookCommand implements Callable<Integer> {
    private static volatile boolean keepsRunning;

    /** True when a subcommand started servers that must outlive main() (sandbox, inbox). */
    static boolean keepsRunning() { return keepsRunning; }

    static void keepRunning() { keepsRunning = true; }

    @Override
    public Integer call() {
        System.out.println("tabhook: the shell arrives with issue 4; try `tabhook sandbox` or `tabhook --help`.");
        return 0;
    }
}
