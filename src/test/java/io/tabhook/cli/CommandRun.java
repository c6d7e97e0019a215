package io.tabhook.cli;

import picocli.CommandLine;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/**
 * Runs a tabhook command in this JVM as {@link Main} runs it (the same command tree, handlers and exit codes), with an
 * environment of the test's own and the output captured: what a user would see on stdout and stderr.
 */
record CommandRun(int exit, String out, String err) {

    /**
     * {@code tabhook ARGS} with only the variables in {@code env} set, and {@code TABHOOK_HOME} under {@code dir}
     * unless {@code env} names one, so the session's journals and history stay out of the real home directory.
     */
    static CommandRun run(Path dir, Map<String, String> env, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int exit = commandLine(dir, env, out, err).execute(args);
        return new CommandRun(exit, out.toString(), err.toString());
    }

    /** The command tree {@link #run} executes, for a test that needs the command object afterwards. */
    static CommandLine commandLine(Path dir, Map<String, String> env, StringWriter out, StringWriter err) {
        Map<String, String> variables = new HashMap<>();
        variables.put("TABHOOK_HOME", dir.resolve("tabhook-home").toString());
        variables.putAll(env);
        CommandLine commandLine = Main.commandLine(Environment.of(variables));
        commandLine.setOut(new PrintWriter(out, true));
        commandLine.setErr(new PrintWriter(err, true));
        return commandLine;
    }
}
