package io.tabhook.dsl;

import groovy.lang.Script;
import io.tabhook.events.EventType;

import java.util.List;

/**
 * The base class of every line and script. It declares no words of its own: a name the script does not define
 * reaches {@link #methodMissing} or {@link #propertyMissing}, which dispatch it from {@link Words}. Groovy looks in
 * the binding first, so a user's variable shadows a word ({@code webhooks = 3}) and a closure in the binding is
 * called as before; a binding value that is no closure does not hide the word when it is called with parentheses.
 */
public abstract class TabhookScript extends Script {
    /** The binding variable that carries the {@link Dsl}; hidden from users. */
    public static final String DSL_VARIABLE = "__tabhook";

    private Dsl dsl() {
        return (Dsl) getBinding().getVariable(DSL_VARIABLE);
    }

    /** A call: {@code signIn site: 'workshop'}, {@code waitForPayload(event: 'X') { … }}, {@code webhook 'hook'}. */
    public Object methodMissing(String name, Object args) {
        Object[] values = args instanceof Object[] a ? a : new Object[] {args};
        Word word = Words.find(name).filter(w -> w.group() == null).orElse(null);
        if (word != null) return dsl().call(word.name(), values);
        // A method or closure of that name exists (sleep, println, one the user defined): the values did not fit.
        List<String> takes = UnknownName.signatures(name, this);
        if (!takes.isEmpty()) throw new UnknownName.Method(name, getClass(), values, UnknownName.wrongValues(name, values, takes));
        throw new UnknownName.Method(name, getClass(), values, variables());
    }

    /** A bare name: a word without arguments ({@code webhooks}, {@code inbox}), or a friendly event name. */
    public Object propertyMissing(String name) {
        Word word = Words.find(name).filter(w -> w.group() == null).orElse(null);
        if (word != null) {
            if (!word.bare()) throw Call.mistake(word, "needs arguments");
            return dsl().call(name);
        }
        // A friendly event name works bare: createWebhook event: WorkbookCreated
        if (EventType.find(name).filter(e -> e.apiName().equals(name)).isPresent()) return name;
        throw new UnknownName.Property(name, getClass(), variables());
    }

    /**
     * Groovy's own {@code sleep} sleeps on through Ctrl-C (it only sets the interrupt flag again when done); this one
     * stops at once, so {@code sleep 60000} and {@code while (true) { sleep 100 }} end at Ctrl-C.
     */
    protected void sleep(long millis) throws InterruptedException {
        Thread.sleep(millis);
    }

    /** The user's variables, as "did you mean" candidates. */
    private java.util.Set<String> variables() {
        return Interpreter.variables(getBinding());
    }
}
