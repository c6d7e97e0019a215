package io.tabhook.repl;

import io.tabhook.api.Webhook;
import io.tabhook.dsl.Interpreter;
import io.tabhook.dsl.GroovyTokens;
import io.tabhook.dsl.Word;
import io.tabhook.dsl.WordGroup;
import io.tabhook.dsl.Words;
import io.tabhook.events.EventType;
import io.tabhook.session.Session;
import org.jline.reader.Candidate;
import org.jline.reader.Completer;
import org.jline.reader.LineReader;
import org.jline.reader.ParsedLine;

import java.io.IOException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Supplier;

/**
 * Completion that knows Tableau: one small source per kind of value (DSL word, named-argument key, event,
 * webhook, file, meta command), chosen by {@link CompletionContext}.
 */
final class ShellCompleter implements Completer {
    private final Interpreter interpreter;
    private final Session session;
    private final Supplier<List<MetaCommand>> metas;

    ShellCompleter(Interpreter interpreter, Session session, Supplier<List<MetaCommand>> metas) {
        this.interpreter = interpreter;
        this.session = session;
        this.metas = metas;
    }

    @Override
    public void complete(LineReader reader, ParsedLine line, List<Candidate> out) {
        if (!(line instanceof ShellParser.Word w)) return;
        CompletionContext ctx = w.context();
        switch (ctx.kind()) {
            // The ':' is not part of the word being completed, so the value is the bare name.
            case META -> metas.get().forEach(m -> out.add(new Candidate(m.name(), ":" + m.name(), "shell commands",
                    m.summary(), null, null, true)));
            case META_ARG -> metaArgs(ctx.key(), out);
            case FILE -> files(w.word(), ctx, out);
            case EVENT -> events(ctx, out);
            case WEBHOOK -> webhooks(ctx, out);
            case WORD_NAME -> Words.all().values().forEach(word -> out.add(quoted(ctx, word.name(), "word",
                    word.summary())));
            case FORMAT -> List.of("xml", "json").forEach(f -> out.add(quoted(ctx, f, "format", null)));
            case BOOLEAN -> List.of("true", "false").forEach(b -> out.add(new Candidate(b, b, "value", null, null, null, true)));
            case KEY_OR_WORD -> {
                keys(ctx, out);
                words(out);
            }
            case MEMBER -> members(ctx.receiver(), out);
            case WORD -> words(out);
            case NONE -> { }
        }
    }

    /** The value as a closed string in the user's quote (or {@code '}), escaped: {@code 'Bob\\'s hook'}. */
    private static Candidate quoted(CompletionContext ctx, String value, String group, String descr) {
        return new Candidate(GroovyTokens.literal(value, ctx.quote()), value, group, descr, null, null, true);
    }

    private void metaArgs(String meta, List<Candidate> out) {
        List<String> values = switch (meta) {
            case "format" -> List.of("table", "json", "xml");
            case "trace" -> List.of("on", "off");
            case "help" -> {
                List<String> names = new java.util.ArrayList<>(Words.all().keySet());
                metas.get().forEach(m -> names.add(":" + m.name()));
                yield names;
            }
            default -> List.of();
        };
        values.forEach(v -> out.add(new Candidate(v, v, null, null, null, null, true)));
    }

    private static void events(CompletionContext ctx, List<Candidate> out) {
        for (EventType e : EventType.values()) {
            String descr = e.payloadResource() + ", since " + e.since();
            if (ctx.inString()) {
                out.add(quoted(ctx, e.apiName(), "events", descr));
                out.add(quoted(ctx, e.shortName(), "event short names", descr));
                out.add(quoted(ctx, e.sourceName(), "source element names", descr));
            } else {
                // Friendly names work unquoted: the DSL reads a bare WorkbookCreated as the event name.
                out.add(new Candidate(e.apiName(), e.apiName(), "events", descr, null, null, true));
            }
        }
    }

    private void webhooks(CompletionContext ctx, List<Candidate> out) {
        List<Webhook> hooks = session.cachedWebhooks();
        if (hooks.isEmpty() && session.signedIn() && !session.expired()) {
            try {
                hooks = session.client().listWebhooks();
                session.cacheWebhooks(hooks);
            } catch (RuntimeException e) {
                return; // completion must never fail the line being typed
            }
        }
        for (Webhook h : hooks) {
            String descr = h.event() + (h.isEnabled() ? "" : ", disabled");
            if (h.name() != null) out.add(quoted(ctx, h.name(), "webhooks", descr));
            out.add(quoted(ctx, h.id(), "webhook ids", h.name()));
        }
    }

    private static void keys(CompletionContext ctx, List<Candidate> out) {
        Word word = ctx.word();
        for (Word.Arg a : word.args()) {
            if (a.positional() || ctx.given().contains(a.name())) continue;
            out.add(new Candidate(a.name() + ": ", a.name() + ":", word.name() + " arguments", a.description(),
                    null, null, false));
        }
    }

    private void words(List<Candidate> out) {
        for (Word word : Words.topLevel()) {
            out.add(new Candidate(word.name(), word.name(), "DSL words", word.summary(), null, null, false));
        }
        for (String v : interpreter.variables()) out.add(new Candidate(v, v, "variables", null, null, null, true));
    }

    /**
     * After {@code inbox.}, {@code sandbox.} or {@code session.}: the group's declared sub-words, unless the user has
     * a variable of that name; after any other variable, the members of its value. Each candidate is
     * {@code prefix + member}.
     */
    private void members(String receiver, List<Candidate> out) {
        Object target = interpreter.variable(receiver);
        String group = target instanceof WordGroup g ? g.name() : target == null ? receiver : null;
        if (group != null) {
            for (Word word : Words.group(group)) {
                String sub = word.name().substring(group.length() + 1);
                out.add(new Candidate(sub, sub, receiver, word.summary(), null, null, word.bare()));
            }
            return;
        }
        Set<String> names = new TreeSet<>();
        for (Method m : target.getClass().getMethods()) {
            if (m.getDeclaringClass() == Object.class || Modifier.isStatic(m.getModifiers())) continue;
            String n = m.getName();
            if (n.equals("toString") || n.equals("hashCode") || n.equals("equals")) continue;
            if (n.startsWith("get") && n.length() > 3 && m.getParameterCount() == 0) {
                names.add(Character.toLowerCase(n.charAt(3)) + n.substring(4));
            } else {
                names.add(n);
            }
        }
        names.forEach(n -> out.add(new Candidate(n, n, receiver, null, null, null, true)));
    }

    private static void files(String word, CompletionContext ctx, List<Candidate> out) {
        String quote = ctx.inString() ? ctx.quote() : ctx.wantsQuotes() ? "'" : "";
        String typed = word.substring(quote.length());
        String expanded = Tilde.expand(typed);
        int slash = expanded.lastIndexOf('/');
        Path dir = Path.of(slash < 0 ? "." : slash == 0 ? "/" : expanded.substring(0, slash));
        String shownDir = slash < 0 ? "" : typed.substring(0, typed.lastIndexOf('/') + 1);
        if (!Files.isDirectory(dir)) return;
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(dir)) {
            for (Path p : entries) {
                String name = p.getFileName().toString();
                boolean isDir = Files.isDirectory(p);
                String value = shownDir + name + (isDir ? "/" : "");
                if (ctx.word() != null && !isDir) value = GroovyTokens.literal(value, quote.isEmpty() ? null : quote);
                else value = quote + value;
                out.add(new Candidate(value, name + (isDir ? "/" : ""), null, null, null, null, !isDir));
            }
        } catch (IOException ignored) {
            // an unreadable directory completes to nothing
        }
    }
}
