package io.tabhook.dsl;

import groovy.lang.Closure;
import io.tabhook.api.Webhook;
import io.tabhook.dsl.Word.Arg;
import io.tabhook.dsl.Word.Kind;
import io.tabhook.events.EventType;
import io.tabhook.events.UnknownEventException;
import io.tabhook.session.Session;

import java.io.File;
import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One call of a word, its arguments checked once against the word's declaration: every value has the kind its
 * argument declares, so a handler reads {@code c.text("name")}, {@code c.event("event")} or {@code c.bool("enabled")}
 * without checking again. A mistake is one {@link DslException} line that ends with the word's usage.
 */
public final class Call {
    private final Word word;
    private final Dsl dsl;
    private final Map<String, Object> values;

    private Call(Word word, Dsl dsl, Map<String, Object> values) {
        this.word = word;
        this.dsl = dsl;
        this.values = values;
    }

    /**
     * Binds arguments as Groovy passes them: the named-argument map first (Groovy moves it there even from
     * {@code updateWebhook 'hook', enabled: false}), then values in order, then a trailing closure.
     */
    static Call bind(Word word, Dsl dsl, Object... groovyArgs) {
        List<Object> rest = new ArrayList<>(Arrays.asList(groovyArgs == null ? new Object[0] : groovyArgs));
        Map<String, Object> values = new LinkedHashMap<>();
        Map<?, ?> named = !rest.isEmpty() && rest.get(0) instanceof Map<?, ?> m && namesArguments(word, m) ? m : null;
        if (named != null) rest.remove(0);
        Arg closureArg = word.args().stream().filter(a -> a.kind() == Kind.CLOSURE && !a.positional()).findFirst()
                .orElse(null);
        Object trailing = closureArg != null && !rest.isEmpty() && rest.get(rest.size() - 1) instanceof Closure<?>
                ? rest.remove(rest.size() - 1) : null;

        List<Arg> positional = word.args().stream().filter(Arg::positional).toList();
        if (rest.size() > positional.size()) {
            throw mistake(word, positional.isEmpty()
                    ? "takes no value without a name (" + rest.size() + " given)"
                    : "takes " + positional.size() + " value" + (positional.size() == 1 ? "" : "s")
                    + " without a name, not " + rest.size());
        }
        for (int i = 0; i < rest.size(); i++) values.put(positional.get(i).name(), rest.get(i));
        if (named != null) {
            for (Map.Entry<?, ?> e : named.entrySet()) {
                String key = String.valueOf(e.getKey());
                if (word.arg(key) == null) throw mistake(word, "has no argument '" + key + "'" + closest(word, key));
                if (values.containsKey(key)) throw mistake(word, key + " is given twice");
                values.put(key, e.getValue());
            }
        }
        if (trailing != null) {
            if (values.containsKey(closureArg.name())) throw mistake(word, closureArg.name() + " is given twice");
            values.put(closureArg.name(), trailing);
        }
        List<String> missing = word.args().stream().filter(a -> a.required() && !values.containsKey(a.name()))
                .map(Word::label).toList();
        if (!missing.isEmpty()) throw mistake(word, "needs " + String.join(" and ", missing));
        values.replaceAll((name, value) -> checked(word, word.arg(name), value));
        values.forEach((name, value) -> {
            if (word.arg(name).kind() == Kind.SECRET && value instanceof String secret) dsl.secretGiven(name, secret);
        });
        return new Call(word, dsl, values);
    }

    /**
     * A first map is the named arguments, except for a word whose first value takes anything ({@code log p},
     * {@code expect p}, with {@code p} a payload map): there only a map of its own argument names is.
     */
    private static boolean namesArguments(Word word, Map<?, ?> map) {
        if (word.positional() != Kind.ANY) return true;
        return !map.isEmpty() && map.keySet().stream().allMatch(k -> word.arg(String.valueOf(k)) != null);
    }

    /** {@code "; did you mean name:?"}, or the arguments it takes when none is near. */
    private static String closest(Word word, String key) {
        List<String> near = Words.closest(key, word.args().stream().map(Arg::name).toList());
        if (!near.isEmpty()) return "; did you mean " + near.get(0) + ":?";
        return "; it takes " + String.join(", ", word.args().stream().map(Word::label).toList());
    }

    /** A value converted to what its argument's kind promises, or the line that says what is wrong. */
    private static Object checked(Word word, Arg arg, Object v) {
        if (v == null) return null;
        Object converted = switch (arg.kind()) {
            case ANY -> v;
            case CLOSURE -> v instanceof Closure<?> ? v : null;
            case BOOLEAN -> v instanceof Boolean ? v : trueOrFalse(v.toString().trim());
            case NUMBER -> v instanceof Number ? v : decimal(v.toString().trim());
            case EVENT -> event(word, arg, v);
            case WEBHOOK -> v instanceof Webhook ? v : text(v);
            default -> text(v);
        };
        if (converted == null) {
            throw mistake(word, Word.label(arg) + " must be " + wanted(arg.kind()) + ", not " + shown(v));
        }
        return converted;
    }

    private static Boolean trueOrFalse(String s) {
        return s.equalsIgnoreCase("true") ? Boolean.TRUE : s.equalsIgnoreCase("false") ? Boolean.FALSE : null;
    }

    private static Double decimal(String s) {
        try {
            return Double.parseDouble(s);
        } catch (NumberFormatException e) {
            return null;
        }
    }

    /** Any spelling of an event (or a row of {@code events}); an unknown name says the nearest ones. */
    private static EventType event(Word word, Arg arg, Object v) {
        if (v instanceof EventType e) return e;
        String name = v instanceof EventInfo info ? info.name() : text(v);
        if (name == null) return null;
        try {
            return EventType.parse(name);
        } catch (UnknownEventException e) {
            throw mistake(word, Word.label(arg) + " " + e.getMessage());
        }
    }

    /** Text, or something that reads as text (a number for a version, a path, a URI); null for anything else. */
    private static String text(Object v) {
        return v instanceof CharSequence || v instanceof Number || v instanceof URI || v instanceof Path
                || v instanceof File || v instanceof Enum<?> ? v.toString() : null;
    }

    private static String wanted(Kind kind) {
        return switch (kind) {
            case CLOSURE -> "a closure, like { it.resource_name == 'Sales' }";
            case BOOLEAN -> "true or false";
            case NUMBER -> "a number";
            case EVENT -> "an event name, like 'WorkbookCreated'";
            case WEBHOOK -> "a webhook, its id or its name";
            default -> "text, like 'Sales'";
        };
    }

    private static String shown(Object v) {
        if (v instanceof CharSequence) return "'" + v + "'";
        if (v instanceof Number || v instanceof Boolean) return v.toString();
        if (v instanceof Closure<?>) return "a closure";
        if (v instanceof Map<?, ?>) return "a map";
        if (v instanceof Collection<?>) return "a list";
        return "a " + v.getClass().getSimpleName();
    }

    /** A mistake in a call of {@code word}: one line, ending with its usage. */
    static DslException mistake(Word word, String problem) {
        return new DslException(word.name() + " " + problem + " — usage: " + word.usage());
    }

    // ---- what handlers read ----

    public Word word() { return word; }

    public Dsl dsl() { return dsl; }

    public Session session() { return dsl.state(); }

    /** True when the argument was given (even as null). */
    public boolean has(String arg) {
        return values.containsKey(declared(arg));
    }

    /** The argument as given (checked), or null. */
    public Object value(String arg) {
        return values.get(declared(arg));
    }

    public String text(String arg) {
        return (String) value(arg);
    }

    /** A boolean argument, or null when it was not given. */
    public Boolean bool(String arg) {
        return (Boolean) value(arg);
    }

    /** A boolean argument that is false unless given as true. */
    public boolean flag(String arg) {
        return Boolean.TRUE.equals(bool(arg));
    }

    public double number(String arg, double fallback) {
        Object v = value(arg);
        return v == null ? fallback : ((Number) v).doubleValue();
    }

    public EventType event(String arg) {
        return (EventType) value(arg);
    }

    public Closure<?> closure(String arg) {
        return (Closure<?>) value(arg);
    }

    /** A handler may only read what its word declares: a typo here is a bug, found by the first test that runs it. */
    private String declared(String arg) {
        if (word.arg(arg) == null) throw new IllegalStateException(word.name() + " declares no argument " + arg);
        return arg;
    }

    /** A mistake in this call that the declaration could not catch (e.g. updateWebhook with nothing to change). */
    public DslException mistake(String problem) {
        return mistake(word, problem);
    }

    @Override
    public String toString() {
        return word.name() + values.keySet();
    }
}
