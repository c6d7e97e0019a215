package io.tabhook.client;

/**
 * No answer from the server: refused, unknown host, TLS failure, no answer in time, or a connection that dropped
 * before the whole answer came. The message is one line that names the server and what to check, e.g. "cannot reach
 * http://localhost:8080: connection refused — is the server running?".
 */
public class TableauConnectionException extends RuntimeException {
    private final boolean timedOut;
    private final boolean dropped;

    public TableauConnectionException(String message, boolean timedOut, Throwable cause) {
        this(message, timedOut, false, cause);
    }

    TableauConnectionException(String message, boolean timedOut, boolean dropped, Throwable cause) {
        super(message, cause);
        this.timedOut = timedOut;
        this.dropped = dropped;
    }

    /** True when the connect or the whole exchange ran out of time. */
    public boolean timedOut() { return timedOut; }

    /**
     * True when the connection closed (or was reset) after the request went out and before the whole answer came:
     * the server may or may not have done what was asked.
     */
    public boolean dropped() { return dropped; }
}
