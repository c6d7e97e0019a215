package io.tabhook.dsl;

import io.tabhook.api.ApiVersion;
import io.tabhook.api.Credentials;
import io.tabhook.api.ServerInfo;
import io.tabhook.api.SignInRequest;
import io.tabhook.api.TableauError;
import io.tabhook.api.WireFormat;
import io.tabhook.dsl.Word.Kind;
import io.tabhook.sandbox.Demo;
import io.tabhook.session.Session;

import io.tabhook.client.ServerAddress;

/** Sign-in words: {@code signIn}, {@code signOut}, {@code serverInfo}. */
final class SignInWords {
    private SignInWords() {}

    static final WordTable TABLE = new WordTable();

    static {
        TABLE.word("signIn", "Sign in and keep the token, site id and user id in the session.")
                .details("""
                        With no arguments at all, signs in to the embedded sandbox as its demo admin. Without `server`, signs in
                        to the session's server: the one the shell was started for (or the sandbox), or the last server: that
                        answered (where no Tableau answers, the session stays where it was). Give user: and password: (or the
                        two as values, signIn('admin', 'admin')), pat: and secret:, or jwt:. A missing password or PAT secret is
                        taken from TABLEAU_PASSWORD / TABLEAU_PAT_SECRET, the one that signed this user in earlier in the
                        session (said in one line), or asked for with a masked prompt once the server has answered. A secret
                        that fails to sign in is not kept. server: also takes a site's address as the browser shows it
                        (https://10ax.online.tableau.com/#/site/mysitedev123/home), which names the site too. When the token
                        expires later (Tableau Cloud ends idle sessions), the next call signs in again with the same
                        credentials, held in memory, and says so.""")
                .optionalPositional("user", Kind.TEXT, "user name, for password sign-in")
                .optionalPositional("password", Kind.SECRET, "password (better: TABLEAU_PASSWORD or the masked prompt)")
                .option("server", Kind.URL, "server base URL, e.g. https://10ay.online.tableau.com, or a site's browser address")
                .option("site", Kind.SITE, "site contentUrl ('' or omitted: the Default site)")
                .option("pat", Kind.TEXT, "personal access token name")
                .option("secret", Kind.SECRET, "personal access token secret (better: TABLEAU_PAT_SECRET)")
                .option("jwt", Kind.SECRET, "a connected-app JWT (REST API 3.17+)")
                .option("version", Kind.VERSION, "pin the REST API version, e.g. 3.9 (default: the server's)")
                .option("format", Kind.FORMAT, "wire format for this session: xml or json")
                .example("signIn site: 'workshop', pat: 'workshop-pat', secret: env('TABLEAU_PAT_SECRET')")
                .does(SignInWords::signIn);
    }

    /** Where a sign-in's secret came from: only one given as an argument is kept after it worked. */
    private enum Source { ARGUMENT, ENVIRONMENT, REMEMBERED, DEMO, PROMPT }

    private record Secret(String value, Source source) {}

    static Credentials signIn(Call c) {
        Session session = c.session();
        String server = c.text("server");
        ServerAddress address = server == null ? null : ServerAddress.parse(server);
        if (address == null) return signIn(c, null);
        // An address where no Tableau answers (mistyped) leaves the session where it was; one that refused the
        // credentials stays, so the next signIn tries it again without server:.
        java.net.URI before = session.settings().server();
        session.settings().server(address.server());
        try {
            return signIn(c, address);
        } catch (io.tabhook.client.TableauConnectionException | io.tabhook.client.NotTableauAnswer e) {
            session.settings().server(before);
            throw e;
        }
    }

    private static Credentials signIn(Call c, ServerAddress address) {
        Session session = c.session();
        if (session.settings().server() == null) {
            throw new DslException(
                    "no server to sign in to: give server: 'https://…' or start tabhook with --server");
        }
        String version = c.text("version");
        if (version != null) session.settings().version(ApiVersion.parse(version));
        String format = c.text("format");
        if (format != null) session.format(WireFormat.parse(format));
        String site = c.has("site") ? c.text("site")
                : address != null && address.site() != null ? address.site() : session.settings().site();
        if (site == null) site = "";

        boolean onSandbox = c.dsl().onSandbox();
        if (c.has("jwt")) {
            return signIn(c, SignInRequest.jwt(c.text("jwt"), site), "jwt", null, new Secret(null, Source.ARGUMENT));
        }
        if (c.has("pat") || c.has("secret") || (!c.has("user") && session.settings().patName() != null)) {
            String pat = c.has("pat") ? c.text("pat") : session.settings().patName();
            if (pat == null && onSandbox) pat = Demo.PAT_NAME;
            if (pat == null) throw new DslException("signIn with a token needs pat: 'token-name'");
            Secret secret = c.has("secret") ? new Secret(c.text("secret"), Source.ARGUMENT)
                    : secret(c, "TABLEAU_PAT_SECRET", pat.equals(session.settings().patName()),
                            "personal access token " + pat, "secret",
                            onSandbox && pat.equals(Demo.PAT_NAME) ? Demo.PAT_SECRET : null);
            Credentials creds = signIn(c, SignInRequest.personalAccessToken(pat, secret.value(), site), pat,
                    "TABLEAU_PAT_SECRET", secret);
            session.settings().patName(pat);
            return creds;
        }
        String user = c.has("user") ? c.text("user") : session.settings().user();
        if (user == null && onSandbox) user = Demo.ADMIN_USER;
        if (user == null) {
            throw new DslException("signIn needs user: 'name' (with a password) or pat: 'token-name'");
        }
        Secret password = c.has("password") ? new Secret(c.text("password"), Source.ARGUMENT)
                : secret(c, "TABLEAU_PASSWORD", user.equals(session.settings().user()), user, "password",
                        onSandbox ? demoPassword(user) : null);
        Credentials creds = signIn(c, SignInRequest.password(user, password.value(), site), user,
                "TABLEAU_PASSWORD", password);
        session.settings().user(user);
        return creds;
    }

    /**
     * Signs in; on success keeps a secret given as an argument for the session's later sign-ins, on failure forgets
     * a remembered one, so a wrong secret is never tried again unasked.
     */
    private static Credentials signIn(Call c, SignInRequest request, String display, String envName, Secret secret) {
        Session session = c.session();
        try {
            Credentials creds = session.signIn(request, display);
            if (envName != null && (secret.source() == Source.ARGUMENT || secret.source() == Source.PROMPT)) {
                session.rememberSecret(envName, secret.value());
            }
            return creds;
        } catch (TableauError e) {
            if (secret.source() == Source.REMEMBERED) session.rememberSecret(envName, null);
            String hint = siteHint(e, request.siteContentUrl());
            if (hint == null) throw e;
            throw new DslException(Failures.describe(e) + "; " + hint);
        } catch (RuntimeException e) {
            if (secret.source() == Source.REMEMBERED) session.rememberSecret(envName, null);
            throw e;
        }
    }

    /** What a site's contentUrl may hold: letters, digits, - and _. */
    private static final java.util.regex.Pattern CONTENT_URL = java.util.regex.Pattern.compile("[A-Za-z0-9_-]*");

    /**
     * Where to find the site's contentUrl, when a sign-in to a named site is refused as one to an unknown site
     * (401001 on Tableau Cloud, 404000 on Server): people give the site's display name, which Tableau does not take.
     */
    static String siteHint(TableauError e, String site) {
        if (site == null || site.isBlank() || !(e.code().equals("401001") || e.code().equals("404000"))) return null;
        String where = "the site's contentUrl is the part after #/site/ in its browser address "
                + "(https://10ax.online.tableau.com/#/site/mysitedev123/home: mysitedev123), and "
                + "--server takes that whole address too";
        return CONTENT_URL.matcher(site).matches()
                ? "if '" + site + "' is the site's display name rather than its contentUrl: " + where
                : "'" + site + "' cannot be a contentUrl (only letters, digits, - and _), perhaps the site's display name: "
                        + where;
    }

    private static String demoPassword(String user) {
        if (Demo.ADMIN_USER.equals(user)) return Demo.ADMIN_PASSWORD;
        if (Demo.VIEWER_USER.equals(user)) return Demo.VIEWER_PASSWORD;
        if (Demo.SITE_ADMIN_USER.equals(user)) return Demo.SITE_ADMIN_PASSWORD;
        if (Demo.ANALYST_USER.equals(user)) return Demo.ANALYST_PASSWORD;
        return null;
    }

    /**
     * A secret not given: from the environment, the one this session last signed {@code whose} in with (said in one
     * line), the sandbox's demo, or a masked prompt, asked only once the server has answered (so a wrong address
     * fails before anyone types a password).
     *
     * @param sameOwner whether the remembered secret belongs to the user or token signing in now
     */
    private static Secret secret(Call c, String envName, boolean sameOwner, String whose, String what,
                                 String demo) {
        String fromEnv = c.dsl().environment(envName);
        if (fromEnv != null) return new Secret(fromEnv, Source.ENVIRONMENT);
        String remembered = sameOwner ? c.session().rememberedSecret(envName) : null;
        if (remembered != null) {
            c.dsl().console().log("using the " + what + " given earlier this session for " + whose);
            return new Secret(remembered, Source.REMEMBERED);
        }
        if (demo != null) return new Secret(demo, Source.DEMO);
        c.session().client().serverInfo(); // the server answers before anyone types a secret for it
        String typed = c.dsl().console().readSecret(capitalized(what) + " for " + whose + ": ");
        if (typed == null) {
            throw new DslException("no " + what + " for " + whose + ": set " + envName
                    + ", or sign in from the shell, which asks for it");
        }
        c.dsl().secretGiven(envName, typed);
        return new Secret(typed, Source.PROMPT);
    }

    private static String capitalized(String s) {
        return Character.toUpperCase(s.charAt(0)) + s.substring(1);
    }

    static {
        TABLE.word("signOut", "Sign out; the token is dead afterwards.")
                .example("signOut()")
                .does(SignInWords::signOut);
    }

    static String signOut(Call c) {
        c.session().signOut();
        return "signed out";
    }

    static {
        TABLE.word("serverInfo", "The server's product version and REST API version (no sign-in needed).")
                .example("serverInfo().restApiVersion")
                .does(SignInWords::serverInfo);
    }

    static ServerInfo serverInfo(Call c) {
        return c.session().client().serverInfo();
    }
}
