package io.tabhook.api;

/** A request or response body that is not well-formed XML or JSON, or not shaped as Tableau's. */
public class MalformedBodyException extends RuntimeException {
    public MalformedBodyException(String message) {
        super(message);
    }
}
