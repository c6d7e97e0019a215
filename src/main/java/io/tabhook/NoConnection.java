package io.tabhook;

import java.net.ConnectException;
import java.net.URI;
import java.net.UnknownHostException;
import java.nio.channels.UnresolvedAddressException;

/**
 * Why a connection could not be made, in a user's words, the same wherever tabhook connects (a webhook's delivery,
 * a forward, a relay): {@code unknown host NAME} for a name that does not resolve, which java.net.http reports as a
 * {@link ConnectException} around the lookup's failure, and {@code connection refused} for one that does.
 */
public final class NoConnection {
    private NoConnection() {}

    /**
     * The words for {@code failure} connecting to {@code target}, or null when it is no failure to connect (or a
     * timeout, which the caller words with its own limits).
     */
    public static String why(Throwable failure, URI target) {
        // a connect timeout carries a ConnectException too: it is no refusal, and its caller words it
        if (Causes.find(failure, java.net.http.HttpTimeoutException.class) != null) return null;
        UnknownHostException unknown = Causes.find(failure, UnknownHostException.class);
        if (unknown != null || Causes.find(failure, UnresolvedAddressException.class) != null) {
            String host = target != null && target.getHost() != null ? target.getHost()
                    : unknown != null ? unknown.getMessage() : null;
            return host == null ? "unknown host" : "unknown host " + host;
        }
        return Causes.find(failure, ConnectException.class) != null ? "connection refused" : null;
    }
}
