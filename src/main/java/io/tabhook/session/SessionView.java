package io.tabhook.session;

/** The session as shown to a user: nothing secret in it (the token is already masked). */
public record SessionView(String server, String apiVersion, String site, String siteId, String user, String userId,
                          String token, String format, boolean signedIn, boolean expired) {
}
