package io.tabhook.cli;

import picocli.CommandLine.Option;

/** How {@code -e}, {@code run} and a FILE print their outcome; declared once, mixed into each. */
public class OutputOptions {
    @Option(names = "--json", description = "print the result as JSON, for machines")
    boolean json;

    @Option(names = "--stack", description = "print the Groovy stack of a failure")
    boolean stack;
}
