package io.tabhook.client;

import io.tabhook.api.ApiVersion;

/**
 * A call the REST API version in use does not have, refused before anything is sent:
 * "updateWebhook needs REST API 3.8; this server speaks 3.6".
 */
public class VersionTooOldException extends RuntimeException {
    private final String operation;
    private final ApiVersion needed;
    private final ApiVersion actual;

    public VersionTooOldException(String operation, ApiVersion needed, ApiVersion actual, boolean pinned) {
        super(operation + " needs REST API " + needed + "; "
                + (pinned ? "the client is pinned to " + actual + " (pin " + needed + " or later, or unpin)"
                          : "this server speaks " + actual));
        this.operation = operation;
        this.needed = needed;
        this.actual = actual;
    }

    /** The call that was refused, e.g. {@code updateWebhook}. */
    public String operation() { return operation; }

    /** The first version that has the call. */
    public ApiVersion needed() { return needed; }

    /** The version in use: pinned, or the server's. */
    public ApiVersion actual() { return actual; }
}
