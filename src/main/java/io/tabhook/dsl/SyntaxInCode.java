package io.tabhook.dsl;

import org.codehaus.groovy.control.MultipleCompilationErrorsException;

/**
 * Groovy's syntax error together with the code it was found in, so that {@link SyntaxHint} can read the code's
 * tokens (Groovy's error keeps only the file's name).
 */
public final class SyntaxInCode extends RuntimeException {
    private final transient String code;

    SyntaxInCode(MultipleCompilationErrorsException cause, String code) {
        super(cause.getMessage(), cause);
        this.code = code;
    }

    MultipleCompilationErrorsException compilation() {
        return (MultipleCompilationErrorsException) getCause();
    }

    String code() {
        return code;
    }
}
