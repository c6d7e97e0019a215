package io.tabhook.dsl;

import io.tabhook.session.SessionView;

import java.util.function.Function;

/** {@code session} and its sub-words ({@code session.siteId}, …): where you are, nothing secret in it. */
final class SessionWords {
    private SessionWords() {}

    static final WordTable TABLE = new WordTable();

    static {
        TABLE.word("session", "Where you are: server, API version, site, site id, user, token (masked), format.")
                .details("Each part is a word of its own: session.siteId, session.token, session.sandbox, …")
                .example("session.siteId")
                .does(SessionWords::session);
    }

    static WordGroup session(Call c) {
        Dsl dsl = c.dsl();
        return new WordGroup("session", dsl, () -> view(dsl));
    }

    /** What {@code session} shows; the token masked. */
    static SessionView view(Dsl dsl) {
        return dsl.state().view(dsl.onSandbox());
    }

    static {
        part("server", "The server's base URL.", SessionView::server);
        part("apiVersion", "The REST API version in use: pinned, or the server's.", SessionView::apiVersion);
        part("site", "The site's contentUrl ('' for the Default site).", SessionView::site);
        part("siteId", "The signed-in site's id (a LUID), as REST URLs need it.", SessionView::siteId);
        part("user", "Who signed in: the user name, or the PAT name.", SessionView::user);
        part("userId", "The signed-in user's id (a LUID).", SessionView::userId);
        part("token", "The session token, masked: tabhook never shows it in full.", SessionView::token);
        part("format", "The wire format requests use: xml or json.", SessionView::format);
        part("signedIn", "True after signIn, until signOut.", SessionView::signedIn);
        part("expired", "True once the server refused the token (sign in again).", SessionView::expired);
        part("sandbox", "True when the session talks to the embedded sandbox, so a script can cause activity.",
                SessionView::sandbox);
    }

    /** A part of the session, read bare: {@code session.siteId}. */
    private static void part(String name, String summary, Function<SessionView, Object> read) {
        TABLE.word("session." + name, summary)
                .example("session." + name)
                .does(c -> read.apply(view(c.dsl())));
    }
}
