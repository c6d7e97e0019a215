package io.tabhook.dsl;

import groovy.lang.Closure;

import java.util.Map;
import java.util.TreeSet;

/** Named arguments of one word call, checked against the word's declaration so a typo gets a clear line. */
final class Args {
    private final String word;
    private final Map<String, ?> values;

    private Args(String word, Map<String, ?> values) {
        this.word = word;
        this.values = values == null ? Map.of() : values;
    }

    static Args of(String word, Map<String, ?> values) {
        Args a = new Args(word, values);
        Word w = Words.find(word).orElseThrow();
        for (String key : a.values.keySet()) {
            if (w.arg(key) == null) {
                TreeSet<String> known = new TreeSet<>();
                w.args().forEach(arg -> known.add(arg.name()));
                throw new DslException(word + " has no argument '" + key + "'; it takes " + String.join(", ", known));
            }
        }
        return a;
    }

    boolean has(String key) { return values.containsKey(key); }

    String text(String key) {
        Object v = values.get(key);
        return v == null ? null : v.toString();
    }

    Boolean bool(String key) {
        Object v = values.get(key);
        if (v == null) return null;
        if (v instanceof Boolean b) return b;
        String s = v.toString().trim();
        if (s.equalsIgnoreCase("true")) return true;
        if (s.equalsIgnoreCase("false")) return false;
        throw new DslException(word + ": " + key + " must be true or false, not '" + s + "'");
    }

    double number(String key, double fallback) {
        Object v = values.get(key);
        if (v == null) return fallback;
        if (v instanceof Number n) return n.doubleValue();
        try {
            return Double.parseDouble(v.toString().trim());
        } catch (NumberFormatException e) {
            throw new DslException(word + ": " + key + " must be a number, not '" + v + "'");
        }
    }

    Closure<?> closure(String key) {
        Object v = values.get(key);
        if (v == null) return null;
        if (v instanceof Closure<?> c) return c;
        throw new DslException(word + ": " + key + " must be a closure, like { it.resource_name == 'Sales' }");
    }
}
