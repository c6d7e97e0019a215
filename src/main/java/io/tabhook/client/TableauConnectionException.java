package io.tabhook.client;

/**
 * No answer from the server: refused, unknown host, TLS failure, or no answer in time. The message is one line that
 * names the server and what to check, e.g. "cannot reach http://localhost:8080: connection refused — is the server
 * running?".
 */
public class TableauConnectionException extends RuntimeException {
    private final boolean timedOut;

    public TableauConnectionException(String message, boolean timedOut, Throwable cause) {
        super(message, cause);
        this.timedOut = timedOut;
    }

    /** True when the connect or the whole exchange ran out of time. */
    public boolean timedOut() { return timedOut; }
}
