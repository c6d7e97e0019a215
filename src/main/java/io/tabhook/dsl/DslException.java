package io.tabhook.dsl;

/** A mistake in how a word was used: the message says what to do instead. */
public class DslException extends RuntimeException {
    public DslException(String message) {
        super(message);
    }
}
