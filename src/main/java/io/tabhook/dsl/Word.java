package io.tabhook.dsl;

import java.util.List;

/**
 * One DSL word, declared once: {@code help}, completion and docs/dsl.md all read this declaration.
 *
 * @param name       what the user types
 * @param usage      the call as written, e.g. {@code createWebhook(name: 'n', event: 'WorkbookCreated')}
 * @param summary    one line
 * @param details    the rest of the help text (may be empty)
 * @param args       named arguments, in the order they are usually written
 * @param positional what a positional (first, unnamed) argument is, or null
 * @param bare       true when the word can be used without parentheses ({@code webhooks}, {@code session})
 * @param example    an example line
 */
public record Word(String name, String usage, String summary, String details, List<Arg> args, Kind positional,
                   boolean bare, String example) {

    /** The kind of value an argument takes, which decides how it completes. */
    public enum Kind { TEXT, SECRET, EVENT, WEBHOOK, URL, BOOLEAN, NUMBER, FORMAT, VERSION, FILE, CLOSURE, SITE }

    /** A named argument: {@code name: value}. */
    public record Arg(String name, Kind kind, String description) {}

    public Arg arg(String argName) {
        return args.stream().filter(a -> a.name().equals(argName)).findFirst().orElse(null);
    }

    /** The help text as {@code help word} prints it. */
    public String help() {
        StringBuilder sb = new StringBuilder();
        sb.append(usage).append('\n').append("  ").append(summary).append('\n');
        if (!details.isEmpty()) sb.append('\n').append(details.indent(2));
        if (!args.isEmpty()) {
            sb.append('\n');
            int w = args.stream().mapToInt(a -> a.name().length()).max().orElse(0);
            for (Arg a : args) {
                sb.append("  ").append(String.format("%-" + (w + 1) + "s", a.name() + ":")).append(' ')
                        .append(a.description()).append('\n');
            }
        }
        if (example != null && !example.isEmpty()) sb.append("\n  e.g. ").append(example).append('\n');
        return sb.toString().stripTrailing();
    }
}
