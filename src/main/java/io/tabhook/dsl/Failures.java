package io.tabhook.dsl;

import groovy.lang.MissingMethodException;
import groovy.lang.MissingPropertyException;
import io.tabhook.OneLine;
import io.tabhook.api.TableauError;
import io.tabhook.events.UnknownEventException;
import org.codehaus.groovy.control.MultipleCompilationErrorsException;
import org.codehaus.groovy.control.messages.Message;
import org.codehaus.groovy.control.messages.SyntaxErrorMessage;

import java.util.concurrent.CancellationException;

/** Every failure as one clear line that says what happened and, where it helps, what to do. */
public final class Failures {
    private Failures() {}

    public static String describe(Throwable t) {
        Throwable e = unwrap(t);
        if (e instanceof TableauError te) return tableau(te);
        if (e instanceof UnknownEventException
                || e instanceof DslException
                || e instanceof CheckFailed
                || e instanceof CancellationException
                || e instanceof io.tabhook.client.TableauConnectionException
                || e instanceof io.tabhook.client.NotTableauAnswer
                || e instanceof io.tabhook.client.GaveUp
                || e instanceof io.tabhook.client.VersionTooOldException
                || e instanceof io.tabhook.api.MalformedBodyException) {
            return OneLine.of(e.getMessage());
        }
        if (e instanceof SyntaxInCode sc) return syntax(sc.compilation(), sc.code());
        if (e instanceof MultipleCompilationErrorsException mc) return syntax(mc, null);
        if (e instanceof UnknownName.Property || e instanceof UnknownName.Method) return e.getMessage();
        if (e instanceof MissingPropertyException mp) return noSuchProperty(mp);
        if (e instanceof MissingMethodException mm) {
            if (Words.find(mm.getMethod()).isPresent()) {
                return mm.getMethod() + " was called the wrong way; usage: " + Words.find(mm.getMethod()).get().usage();
            }
            if (groovy.lang.Script.class.isAssignableFrom(mm.getType())) {
                return UnknownName.describe(mm.getMethod(), java.util.List.of());
            }
            return "no method " + mm.getMethod() + " on " + mm.getType().getSimpleName();
        }
        String simple = e.getClass().getSimpleName();
        String msg = e.getMessage();
        if (e instanceof IllegalArgumentException || e instanceof IllegalStateException) return OneLine.of(msg);
        return simple + (msg == null ? "" : ": " + OneLine.of(msg));
    }

    /**
     * {@code dead.reason} on a webhook: the property it has under a longer name ({@code statusChangeReason}, the
     * table's "reason" column) or the nearest one.
     */
    private static String noSuchProperty(MissingPropertyException mp) {
        Class<?> type = mp.getType();
        String name = mp.getProperty();
        if (type == null || groovy.lang.Script.class.isAssignableFrom(type)) {
            return UnknownName.describe(name, java.util.List.of());
        }
        java.util.List<String> properties = org.codehaus.groovy.runtime.InvokerHelper.getMetaClass(type).getProperties()
                .stream().map(groovy.lang.MetaProperty::getName).filter(p -> !p.equals("class")).toList();
        String ending = name.isEmpty() ? name : Character.toUpperCase(name.charAt(0)) + name.substring(1);
        String near = properties.stream().filter(p -> p.endsWith(ending)).findFirst()
                .orElseGet(() -> Words.closest(name, properties).stream().findFirst().orElse(null));
        return type.getSimpleName() + " has no property '" + name + "'"
                + (near != null ? "; did you mean " + near + "?" : properties.isEmpty() ? ""
                : " (it has " + String.join(", ", properties) + ")");
    }

    private static String tableau(TableauError e) {
        StringBuilder sb = new StringBuilder("Tableau ").append(e.code()).append(' ').append(e.summary());
        if (e.detail() != null && !e.detail().isBlank()) sb.append(": ").append(OneLine.of(e.detail()));
        String hint = hint(e.code());
        if (hint != null) sb.append(" — ").append(hint);
        return sb.toString();
    }

    private static String hint(String code) {
        if (code == null) return null;
        return switch (code) {
            case "401000", "401002" -> "sign in again (signIn)";
            case "401001" -> "check the user/password or PAT name/secret, and the site";
            case "403004" -> "webhooks need a site administrator";
            case "404000" -> "check the site name (site: contentUrl)";
            case "404003" -> "the server may not know this API version; check serverInfo";
            case "400127" -> "a reason is only for disabling; drop reason: when enabling";
            default -> null;
        };
    }

    private static String syntax(MultipleCompilationErrorsException mc, String code) {
        for (Object o : mc.getErrorCollector().getErrors()) {
            if (o instanceof SyntaxErrorMessage sm) {
                SyntaxHint hint = SyntaxHint.of(sm, code);
                return "syntax error at column " + hint.column() + ": " + OneLine.of(hint.message());
            }
            if (o instanceof Message) break;
        }
        return "syntax error: " + OneLine.of(mc.getMessage());
    }

    /** The cause that says what went wrong, without Groovy's reflective wrappers. */
    public static Throwable unwrap(Throwable t) {
        Throwable e = t;
        while ((e instanceof java.lang.reflect.InvocationTargetException
                || e instanceof java.lang.reflect.UndeclaredThrowableException
                || e instanceof java.util.concurrent.ExecutionException
                || e instanceof java.util.concurrent.CompletionException
                || e instanceof org.codehaus.groovy.runtime.InvokerInvocationException)
                && e.getCause() != null) {
            e = e.getCause();
        }
        return e;
    }

    /** A message on one line, as {@link OneLine#of(String)} makes it (kept for the commands that call it here). */
    public static String oneLine(String s) {
        return OneLine.of(s);
    }
}
