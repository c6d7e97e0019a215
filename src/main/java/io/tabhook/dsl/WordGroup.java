package io.tabhook.dsl;

import groovy.lang.GroovyInterceptable;
import groovy.lang.MetaClass;
import org.codehaus.groovy.runtime.InvokerHelper;

import java.util.List;
import java.util.Set;
import java.util.function.Supplier;

/**
 * What {@code inbox}, {@code sandbox} and {@code session} stand for in a script: {@code inbox.url} and
 * {@code inbox.forwardTo(url)} are the declared sub-words {@code inbox.url} and {@code inbox.forwardTo}, dispatched
 * from the table like any word. Groovy reaches nothing else of this object (it is {@link GroovyInterceptable}: every
 * call comes through {@link #invokeMethod}), so a sub-word is never shadowed by a Java member. As the result of a
 * line it shows as {@link #shown()}.
 */
public final class WordGroup implements GroovyInterceptable {
    /** Object's own methods, which still answer as in Java ({@code "${inbox}"}, {@code inbox == x}). */
    private static final Set<String> OBJECT_METHODS = Set.of("toString", "equals", "hashCode", "getClass");

    private final String group;
    private final Dsl dsl;
    private final Supplier<Object> shown;

    WordGroup(String group, Dsl dsl, Supplier<Object> shown) {
        this.group = group;
        this.dsl = dsl;
        this.shown = shown;
    }

    /** {@code inbox}, {@code sandbox} or {@code session}. */
    public String name() { return group; }

    /** What the group shows as when a line's result is the group itself: the session's block, the inbox's line. */
    public Object shown() { return shown.get(); }

    /** {@code inbox.forwardTo(url)}: the sub-word, with its arguments checked. */
    @Override
    public Object invokeMethod(String sub, Object args) {
        if (OBJECT_METHODS.contains(sub) && Words.find(group + "." + sub).isEmpty()) {
            return InvokerHelper.getMetaClass(getClass()).invokeMethod(this, sub, args);
        }
        return dsl.call(word(sub).name(), args instanceof Object[] a ? a : new Object[] {args});
    }

    /** {@code inbox.url}: a sub-word used bare. */
    @Override
    public Object getProperty(String sub) {
        Word w = word(sub);
        if (!w.bare()) throw Call.mistake(w, "needs arguments");
        return dsl.call(w.name());
    }

    @Override
    public void setProperty(String sub, Object value) {
        throw new DslException(group + "." + sub + " cannot be set; `help " + group + "` lists its words");
    }

    @Override
    public MetaClass getMetaClass() { return InvokerHelper.getMetaClass(getClass()); }

    @Override
    public void setMetaClass(MetaClass metaClass) {
        throw new UnsupportedOperationException(group + "'s words are declared in its table");
    }

    private Word word(String sub) {
        return Words.find(group + "." + sub).orElseThrow(() -> {
            List<String> names = Words.group(group).stream().map(w -> w.name().substring(group.length() + 1)).toList();
            List<String> near = Words.closest(sub, names);
            return new DslException(group + " has no word '" + sub + "'"
                    + (near.isEmpty() ? "" : "; did you mean " + group + "." + near.get(0) + "?")
                    + " (`help " + group + "` lists them)");
        });
    }

    @Override
    public String toString() { return String.valueOf(shown()); }
}
