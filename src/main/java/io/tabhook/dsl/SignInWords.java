package io.tabhook.dsl;

import io.tabhook.api.ApiVersion;
import io.tabhook.api.Credentials;
import io.tabhook.api.ServerInfo;
import io.tabhook.api.SignInRequest;
import io.tabhook.api.WireFormat;
import io.tabhook.dsl.Word.Kind;
import io.tabhook.sandbox.Demo;
import io.tabhook.session.Session;

import java.net.URI;

/** Sign-in words: {@code signIn}, {@code signOut}, {@code serverInfo}. */
final class SignInWords {
    private SignInWords() {}

    static final WordTable TABLE = new WordTable();

    static {
        TABLE.word("signIn", "Sign in and keep the token, site id and user id in the session.")
                .details("""
                        With no arguments at all, signs in to the embedded sandbox as its demo admin. Without `server`, signs
                        in to the server the shell was started for (or the sandbox). Give user: and password:, pat: and
                        secret:, or jwt:. A missing password or PAT secret is taken from TABLEAU_PASSWORD /
                        TABLEAU_PAT_SECRET, or asked for with a masked prompt.""")
                .option("server", Kind.URL, "server base URL, e.g. https://10ay.online.tableau.com")
                .option("site", Kind.SITE, "site contentUrl ('' or omitted: the Default site)")
                .option("user", Kind.TEXT, "user name, for password sign-in")
                .option("password", Kind.SECRET, "password (better: TABLEAU_PASSWORD or the masked prompt)")
                .option("pat", Kind.TEXT, "personal access token name")
                .option("secret", Kind.SECRET, "personal access token secret (better: TABLEAU_PAT_SECRET)")
                .option("jwt", Kind.SECRET, "a connected-app JWT (REST API 3.17+)")
                .option("version", Kind.VERSION, "pin the REST API version, e.g. 3.9 (default: the server's)")
                .option("format", Kind.FORMAT, "wire format for this session: xml or json")
                .example("signIn site: 'workshop', pat: 'workshop-pat', secret: env('TABLEAU_PAT_SECRET')")
                .does(SignInWords::signIn);
    }

    static Credentials signIn(Call c) {
        Session session = c.session();
        String server = c.text("server");
        if (server != null) session.settings().server(URI.create(server.replaceAll("/+$", "")));
        if (session.settings().server() == null) {
            throw new DslException(
                    "no server to sign in to: give server: 'https://…' or start tabhook with --server");
        }
        String version = c.text("version");
        if (version != null) session.settings().version(ApiVersion.parse(version));
        String format = c.text("format");
        if (format != null) session.format(WireFormat.parse(format));
        String site = c.has("site") ? c.text("site") : session.settings().site();
        if (site == null) site = "";

        SignInRequest request;
        String display;
        boolean onSandbox = c.dsl().onSandbox();
        if (c.has("jwt")) {
            request = SignInRequest.jwt(c.text("jwt"), site);
            display = "jwt";
        } else if (c.has("pat") || c.has("secret") || (!c.has("user") && session.settings().patName() != null)) {
            String pat = c.has("pat") ? c.text("pat") : session.settings().patName();
            if (pat == null && onSandbox) pat = Demo.PAT_NAME;
            if (pat == null) throw new DslException("signIn with a token needs pat: 'token-name'");
            String secret = c.has("secret") ? c.text("secret") : secret(c, "TABLEAU_PAT_SECRET",
                    "Secret for personal access token " + pat + ": ",
                    onSandbox && pat.equals(Demo.PAT_NAME) ? Demo.PAT_SECRET : null);
            request = SignInRequest.personalAccessToken(pat, secret, site);
            if (c.has("secret")) session.rememberSecret("TABLEAU_PAT_SECRET", secret);
            session.settings().patName(pat);
            display = pat;
        } else {
            String user = c.has("user") ? c.text("user") : session.settings().user();
            if (user == null && onSandbox) user = Demo.ADMIN_USER;
            if (user == null) {
                throw new DslException("signIn needs user: 'name' (with a password) or pat: 'token-name'");
            }
            String password = c.has("password") ? c.text("password") : secret(c, "TABLEAU_PASSWORD",
                    "Password for " + user + ": ", onSandbox ? demoPassword(user) : null);
            request = SignInRequest.password(user, password, site);
            if (c.has("password")) session.rememberSecret("TABLEAU_PASSWORD", password);
            session.settings().user(user);
            display = user;
        }
        return session.signIn(request, display);
    }

    private static String demoPassword(String user) {
        if (Demo.ADMIN_USER.equals(user)) return Demo.ADMIN_PASSWORD;
        if (Demo.VIEWER_USER.equals(user)) return Demo.VIEWER_PASSWORD;
        if (Demo.SITE_ADMIN_USER.equals(user)) return Demo.SITE_ADMIN_PASSWORD;
        if (Demo.ANALYST_USER.equals(user)) return Demo.ANALYST_PASSWORD;
        return null;
    }

    /** A secret not given: from the environment, the session's memory, the sandbox's demo, or a masked prompt. */
    private static String secret(Call c, String envName, String prompt, String fallback) {
        String fromEnv = c.dsl().environment(envName);
        if (fromEnv != null) return fromEnv;
        String remembered = c.session().rememberedSecret(envName);
        if (remembered != null) return remembered;
        if (fallback != null) return fallback;
        String typed = c.dsl().console().readSecret(prompt);
        if (typed == null) throw new DslException("no secret given: set " + envName + " or pass it as an argument");
        return typed;
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
