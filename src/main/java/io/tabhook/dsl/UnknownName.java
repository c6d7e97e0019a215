package io.tabhook.dsl;

import groovy.lang.Closure;
import groovy.lang.MissingMethodException;
import groovy.lang.MissingPropertyException;
import org.codehaus.groovy.reflection.CachedMethod;
import org.codehaus.groovy.runtime.InvokerHelper;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/**
 * A name a line or script uses that is neither a DSL word nor a variable: one line that names it as typed and the
 * nearest word or variable ({@code unknown word 'webhoks'; did you mean webhooks?}), never the class Groovy compiled
 * the line into ({@code line17}, {@code _e}). Still a Groovy missing-property or missing-method exception, so a
 * closure's delegate ({@code hook.with { name }}) gets its turn as before.
 */
final class UnknownName {
    private UnknownName() {}

    /** The one line for an unknown {@code name}, with the words and {@code variables} it may be a misspelling of. */
    static String describe(String name, Collection<String> variables) {
        return describe(name, variables, null);
    }

    /**
     * As {@link #describe(String, Collection)}; {@code argument} is the word written after an unknown command
     * ({@code lsit webhooks}), offered on its own when nothing is spelled like the command.
     */
    static String describe(String name, Collection<String> variables, String argument) {
        List<String> candidates = new ArrayList<>(Words.topLevel().stream().map(Word::name).toList());
        candidates.addAll(variables);
        List<String> near = Words.closest(name, candidates);
        if (!near.isEmpty()) return "unknown word '" + name + "'; did you mean " + near.get(0) + "?";
        if (argument != null) return "unknown word '" + name + "'; did you mean " + argument + " on its own?";
        return "unknown word '" + name + "' (help lists the words; variables are set with x = …)";
    }

    /**
     * How {@code name} can be called on {@code script}: its methods of that name (Groovy's {@code sleep} and
     * {@code println}, one the user defined) and a closure the binding holds under it, as {@code sleep(long)}.
     */
    static List<String> signatures(String name, groovy.lang.Script script) {
        java.util.Set<String> takes = new java.util.LinkedHashSet<>();
        Object bound = script.getBinding().hasVariable(name) ? script.getBinding().getVariable(name) : null;
        if (bound instanceof KeptMethod kept) {
            takes.addAll(signatures(name, kept.getOwner(), kept.method()));
        } else if (bound instanceof Closure<?> c) {
            takes.add(signature(name, c.getParameterTypes()));
        }
        takes.addAll(signatures(name, script, name));
        return List.copyOf(takes);
    }

    private static List<String> signatures(String name, Object owner, String method) {
        List<groovy.lang.MetaMethod> all = InvokerHelper.getMetaClass(owner).respondsTo(owner, method);
        // The class's own methods when it has some (Script's println, not also Groovy's println(PrintWriter) on all).
        List<groovy.lang.MetaMethod> own = all.stream().filter(m -> m instanceof CachedMethod).toList();
        return (own.isEmpty() ? all : own).stream()
                .map(m -> signature(name, m.getNativeParameterTypes())).sorted().toList();
    }

    private static String signature(String name, Class<?>[] types) {
        return name + "(" + String.join(", ", java.util.Arrays.stream(types).map(Class::getSimpleName).toList()) + ")";
    }

    /** {@code sleep 'x'}: the one line that says the values do not fit and what {@code takes} them. */
    static String wrongValues(String name, Object[] values, List<String> takes) {
        String given = String.join(", ", java.util.Arrays.stream(values)
                .map(v -> v == null ? "null" : v.getClass().getSimpleName()).toList());
        return name + " does not take (" + given + "); it takes " + String.join(" or ", takes);
    }

    /** {@code webhoks} used as a value. */
    static final class Property extends MissingPropertyException {
        Property(String name, Class<?> script, Collection<String> variables) {
            super(describe(name, variables), name, script);
        }

        @Override
        public String getMessage() {
            return getMessageWithoutLocationText();
        }
    }

    /** {@code lsit webhooks} called: the word is unknown, whatever its arguments. */
    static final class Method extends MissingMethodException {
        private final String message;

        Method(String name, Class<?> script, Object[] args, Collection<String> variables) {
            this(name, script, args, describe(name, variables));
        }

        Method(String name, Class<?> script, Object[] args, String message) {
            super(name, script, args);
            this.message = message;
        }

        @Override
        public String getMessage() {
            return message;
        }
    }
}
