package io.tabhook.dsl;

import groovy.lang.MissingMethodException;
import groovy.lang.MissingPropertyException;

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
