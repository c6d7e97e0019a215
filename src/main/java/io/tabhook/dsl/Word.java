package io.tabhook.dsl;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * One DSL word, declared once next to the method that does it: {@code help}, completion, docs/dsl.md and the
 * script's dispatch all read this declaration. A word's name is {@code signIn}, or {@code inbox.url} for a sub-word
 * of {@code inbox}, {@code sandbox} or {@code session}.
 *
 * @param name    what the user types
 * @param summary one line
 * @param details the rest of the help text (may be empty)
 * @param example an example line
 * @param args    its arguments: values without a name first, in order, then named ones as usually written
 * @param handler what the word does, given its checked arguments
 */
public record Word(String name, String summary, String details, String example, List<Arg> args, Handler handler) {

    /** The kind of value an argument takes: how it is checked at dispatch, and how it completes. */
    public enum Kind { TEXT, SECRET, EVENT, WEBHOOK, URL, BOOLEAN, NUMBER, FORMAT, VERSION, FILE, CLOSURE, SITE, ANY }

    /**
     * An argument. A positional one is written as a value ({@code webhook('my-webhook')}) and may also be given by
     * name ({@code webhook(hook: 'my-webhook')}); the others only by name ({@code enabled: false}).
     */
    public record Arg(String name, Kind kind, String description, boolean required, boolean positional) {
        /** How the usage line shows the argument's value. */
        String placeholder() {
            return switch (kind) {
                case BOOLEAN -> "true|false";
                case FORMAT -> "xml|json";
                case NUMBER -> "N";
                case CLOSURE -> "{ … }";
                case URL, EVENT -> kind.name();
                default -> name.toUpperCase(Locale.ROOT);
            };
        }
    }

    /** What a word does: one method per word, taking the checked call, e.g. {@code Webhook createWebhook(Call c)}. */
    @FunctionalInterface
    public interface Handler {
        Object handle(Call call);
    }

    public Word {
        args = List.copyOf(args);
    }

    /** The argument called {@code argName}, or null. */
    public Arg arg(String argName) {
        return args.stream().filter(a -> a.name().equals(argName)).findFirst().orElse(null);
    }

    /** True when the word can be used bare ({@code webhooks}, {@code inbox.url}): it needs no argument. */
    public boolean bare() {
        return args.stream().noneMatch(Arg::required);
    }

    /** The kind of the first value written without a name, or null when the word takes none. */
    public Kind positional() {
        return args.stream().filter(Arg::positional).map(Arg::kind).findFirst().orElse(null);
    }

    /** {@code inbox} for {@code inbox.url}; null for a top-level word. */
    public String group() {
        int dot = name.indexOf('.');
        return dot < 0 ? null : name.substring(0, dot);
    }

    /** The usage line, written from the arguments: {@code updateWebhook(hook, enabled: true|false, reason: REASON)}. */
    public String usage() {
        if (args.isEmpty()) return name;
        List<String> parts = new ArrayList<>();
        String closure = null;
        boolean optionalBefore = false;
        StringBuilder values = new StringBuilder();
        for (Arg a : args) {
            if (!a.positional()) continue;
            String separator = values.isEmpty() ? "" : ", ";
            if (a.required() && !optionalBefore) {
                values.append(separator).append(a.name());
            } else {
                values.append('[').append(separator).append(a.name()).append(']');
                optionalBefore = true;
            }
        }
        if (!values.isEmpty()) parts.add(values.toString());
        for (Arg a : args) {
            if (a.positional()) continue;
            if (a.kind() == Kind.CLOSURE) closure = "{ " + a.name() + " }";
            else parts.add(a.name() + ": " + a.placeholder());
        }
        return name + "(" + String.join(", ", parts) + ")" + (closure == null ? "" : " " + closure);
    }

    /** The help text as {@code help word} prints it. */
    public String help() {
        StringBuilder sb = new StringBuilder();
        sb.append(usage()).append('\n').append("  ").append(summary).append('\n');
        if (!details.isEmpty()) sb.append('\n').append(details.indent(2));
        if (!args.isEmpty()) {
            sb.append('\n');
            int w = args.stream().mapToInt(a -> label(a).length()).max().orElse(0);
            for (Arg a : args) {
                sb.append("  ").append(String.format("%-" + w + "s", label(a))).append("  ")
                        .append(argHelp(a)).append('\n');
            }
        }
        if (!example.isEmpty()) sb.append("\n  e.g. ").append(example).append('\n');
        return sb.toString().stripTrailing();
    }

    /** {@code hook} for a value written without a name, {@code enabled:} for a named one. */
    static String label(Arg a) {
        return a.positional() ? a.name() : a.name() + ":";
    }

    /** An argument's description, saying when it must be given. */
    static String argHelp(Arg a) {
        return a.description() + (a.required() ? " (required)" : "");
    }
}
