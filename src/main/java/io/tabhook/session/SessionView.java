package io.tabhook.session;

import io.tabhook.api.Credentials;
import io.tabhook.api.Fields;
import io.tabhook.api.Shown;

/**
 * The session as shown to a user: nothing secret in it (the token is already masked). {@code sandbox} is true when
 * it talks to the embedded sandbox, so scripts can cause activity there and ask a person elsewhere.
 */
public record SessionView(String server, String apiVersion, String site, String siteId, String user, String userId,
                          String token, String format, boolean signedIn, boolean expired,
                          boolean sandbox) implements Shown {

    /** People read "signedIn yes / expired / no"; JSON has the two flags. The token here is its mask already. */
    @Override
    public Fields fields() {
        return new Fields("session", "sessions")
                .add("server", server)
                .add("apiVersion", apiVersion)
                .add("site", site).shown(Credentials.siteName(site))
                .add("siteId", siteId)
                .add("user", user)
                .add("userId", userId)
                .add("token", token)
                .add("format", format)
                .add("signedIn", signedIn).shown(signedIn ? (expired ? "expired" : "yes") : "no")
                .add("expired", expired).hidden()
                .add("sandbox", sandbox).hidden();
    }

    @Override
    public String toString() { return fields().toString(); }
}
