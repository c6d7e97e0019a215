package io.tabhook.dsl;

import org.codehaus.groovy.control.MultipleCompilationErrorsException;
import org.codehaus.groovy.control.messages.SyntaxErrorMessage;

/** Where in a script a failure happened, as the {@code FILE:LINE: } prefix of its one-line message. */
public final class ScriptFailure {
    private ScriptFailure() {}

    /** {@code "name.groovy:12: "}, or {@code "name.groovy: "} when no line is known. */
    public static String locate(Throwable failure, String fileName) {
        return locate(failure, fileName, fileName);
    }

    /**
     * {@code "docs/workshop/03-fire-webhook.groovy:12: "}: the script as the user named it ({@code shownAs}, path
     * and all), the line found in the frames of {@code fileName}, the name Groovy compiled it under.
     */
    public static String locate(Throwable failure, String fileName, String shownAs) {
        int line = line(failure, fileName);
        return shownAs + (line > 0 ? ":" + line : "") + ": ";
    }

    public static int line(Throwable failure, String fileName) {
        Throwable e = Failures.unwrap(failure);
        String code = e instanceof SyntaxInCode sc ? sc.code() : null;
        if (e instanceof SyntaxInCode sc) e = sc.compilation();
        if (e instanceof MultipleCompilationErrorsException mc) {
            for (Object o : mc.getErrorCollector().getErrors()) {
                if (o instanceof SyntaxErrorMessage sm) return SyntaxHint.of(sm, code).line();
            }
        }
        for (Throwable t = failure; t != null; t = t.getCause()) {
            for (StackTraceElement el : t.getStackTrace()) {
                if (fileName.equals(el.getFileName()) && el.getLineNumber() > 0) return el.getLineNumber();
            }
        }
        return -1;
    }
}
