package io.tabhook.relay;

/**
 * A relay could not be started or made: one line that says what happened and what to do, with the relay's address
 * masked and never an API key in it.
 */
public final class RelayException extends IllegalStateException {
    public RelayException(String message) {
        super(message);
    }
}
