package io.tabhook.dsl;

import groovy.lang.Closure;
import groovy.lang.MetaMethod;
import groovy.lang.Script;
import org.codehaus.groovy.runtime.InvokerHelper;

/**
 * A method an earlier line or script defined ({@code def twice(n) { n * 2 }}), kept in the binding so later lines
 * call it by name. Unlike a method closure it refuses values no method of that name takes instead of handing them
 * back to the script, which would look the name up in the binding again, and again.
 */
final class KeptMethod extends Closure<Object> {
    private final String method;

    KeptMethod(Script script, String method) {
        super(script);
        this.method = method;
    }

    /** The method's name. */
    String method() {
        return method;
    }

    public Object doCall(Object... args) {
        Object script = getOwner();
        MetaMethod fits = InvokerHelper.getMetaClass(script).getMetaMethod(method, args);
        if (fits == null) {
            throw new UnknownName.Method(method, script.getClass(), args,
                    UnknownName.wrongValues(method, args, UnknownName.signatures(method, (Script) script)));
        }
        return fits.doMethodInvoke(script, args);
    }
}
