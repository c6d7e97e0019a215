package io.tabhook.dsl;

import io.tabhook.dsl.Word.Kind;
import io.tabhook.events.EventType;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** Reference and scripting words: {@code events}, {@code help}, {@code expect}, {@code env}, {@code log}. */
final class ReferenceWords {
    private ReferenceWords() {}

    static final WordTable TABLE = new WordTable();

    static {
        TABLE.word("events", "The 22 webhook events: friendly name, source element, resource, version.")
                .optionalPositional("filter", Kind.TEXT, "only events whose row contains this text")
                .example("events('refresh')")
                .does(ReferenceWords::events);
    }

    static List<EventInfo> events(Call c) {
        String filter = c.text("filter");
        List<EventInfo> out = new ArrayList<>();
        for (EventType e : EventType.values()) {
            EventInfo info = EventInfo.of(e);
            if (filter == null || info.toString().toLowerCase(Locale.ROOT).contains(filter.toLowerCase(Locale.ROOT))) {
                out.add(info);
            }
        }
        return out;
    }

    static {
        TABLE.word("help", "Help on a word; with none, the list of words.")
                .optionalPositional("word", Kind.TEXT, "a word, e.g. createWebhook or inbox.forwardTo")
                .example("help createWebhook")
                .does(ReferenceWords::help);
    }

    static String help(Call c) {
        String name = c.text("word") == null ? "" : c.text("word").trim();
        if (name.isEmpty()) return list();
        Word w = Words.find(name).orElseThrow(() -> {
            List<String> near = Words.closest(name, List.copyOf(Words.all().keySet()));
            return new DslException("no word '" + name + "'" + (near.isEmpty() ? "" : "; did you mean "
                    + String.join(", ", near) + "?") + " (`help` lists them)");
        });
        List<Word> sub = Words.group(w.name());
        return sub.isEmpty() ? w.help() : w.help() + "\n\n" + listing(sub, width(sub));
    }

    /** Every word, one line each: the top-level words, then each group's sub-words. */
    private static String list() {
        int w = width(List.copyOf(Words.all().values()));
        StringBuilder sb = new StringBuilder("DSL words (help word for more):\n");
        sb.append(listing(Words.topLevel(), w));
        for (String group : Words.groups()) {
            sb.append("\n\n").append(group).append(".…\n").append(listing(Words.group(group), w));
        }
        return sb.toString();
    }

    private static int width(List<Word> words) {
        return words.stream().mapToInt(word -> word.name().length()).max().orElse(0);
    }

    private static String listing(List<Word> words, int width) {
        StringBuilder sb = new StringBuilder();
        for (Word word : words) {
            sb.append("  ").append(String.format("%-" + (width + 2) + "s", word.name())).append(word.summary())
                    .append('\n');
        }
        return sb.toString().stripTrailing();
    }

    static {
        TABLE.word("expect", "A check: fails the script (exit 1, FILE:LINE) when false.")
                .positional("condition", Kind.ANY, "anything Groovy reads as true or false")
                .optionalPositional("message", Kind.ANY, "what should have held")
                .example("expect hook.enabled, 'webhook should be enabled'")
                .does(ReferenceWords::expect);
    }

    static boolean expect(Call c) {
        if (!Dsl.groovyTruth(c.value("condition"))) {
            Object message = c.value("message");
            throw new CheckFailed("expectation failed: " + (message == null ? "condition was false" : message));
        }
        return true;
    }

    static {
        TABLE.word("env", "An environment variable, e.g. a secret kept out of the script.")
                .positional("name", Kind.TEXT, "the variable's name")
                .optionalPositional("default", Kind.TEXT, "what to use when it is unset or empty")
                .example("env('TABLEAU_PAT_SECRET')")
                .does(ReferenceWords::env);
    }

    static String env(Call c) {
        String v = c.dsl().environment(c.text("name"));
        return v == null ? c.text("default") : v;
    }

    static {
        TABLE.word("log", "Print a progress line (to stderr in scripts).")
                .positional("message", Kind.ANY, "what to print")
                .example("log \"created ${hook.name}\"")
                .does(ReferenceWords::log);
    }

    static Object log(Call c) {
        c.dsl().console().log(String.valueOf(c.value("message")));
        return null;
    }
}
