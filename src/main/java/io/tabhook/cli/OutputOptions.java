package io.tabhook.cli;

import picocli.CommandLine.IParameterPreprocessor;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;

import java.util.Map;
import java.util.Stack;

/** How the shell, {@code -e}, {@code run} and a FILE show their outcome; declared once, mixed into each. */
public class OutputOptions {
    /** {@code --trace} alone: the exchanges on stderr (in the shell, above the prompt). */
    static final String STDERR = "-";

    @Option(names = "--json", description = "print the result as JSON, for machines")
    boolean json;

    @Option(names = "--stack", description = "print the Groovy stack of a failure")
    boolean stack;

    @Option(names = "--trace", arity = "0..1", paramLabel = "FILE", preprocessor = AttachedOnly.class,
            description = "show every HTTP exchange, redirects, tries and new sign-ins included, secrets masked: on "
                    + "stderr, or with --trace=FILE in that file (owner-only)")
    String trace;

    /**
     * {@code --trace} takes a file only as {@code --trace=FILE}: in {@code run --trace script.groovy} the script is
     * not the trace file.
     */
    static final class AttachedOnly implements IParameterPreprocessor {
        @Override
        public boolean preprocess(Stack<String> args, CommandSpec command, ArgSpec option, Map<String, Object> info) {
            if (" ".equals(info.get("separator"))) args.push(STDERR);
            return false;
        }
    }
}
