package io.tabhook.session;

/**
 * The session as shown to a user: nothing secret in it (the token is already masked). {@code sandbox} is true when
 * it talks to the embedded sandbox, so scripts can cause activity there and ask a person elsewhere.
 */
public record SessionView(String server, String apiVersion, String site, String siteId, String user, String userId,
                          String token, String format, boolean signedIn, boolean expired,
                          boolean sandbox) {
}
