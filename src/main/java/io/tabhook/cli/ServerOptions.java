package io.tabhook.cli;

import io.tabhook.api.ApiVersion;
import io.tabhook.api.WireFormat;
import io.tabhook.client.Tls;
import io.tabhook.repl.Tilde;
import io.tabhook.session.Settings;
import picocli.CommandLine.Option;

import java.net.URI;
import java.nio.file.Path;

/** The options that say where to work, shared by the shell, {@code run} and {@code doctor}. */
public class ServerOptions {
    @Option(names = "--server", paramLabel = "URL",
            description = "Tableau Server or Cloud base URL (default: the embedded sandbox)")
    String server;

    @Option(names = "--site", paramLabel = "NAME", description = "site contentUrl ('' = Default site)")
    String site;

    @Option(names = "--user", paramLabel = "U", description = "user name for password sign-in (password from TABLEAU_PASSWORD or a masked prompt)")
    String user;

    @Option(names = "--pat-name", paramLabel = "N", description = "personal access token name (secret from TABLEAU_PAT_SECRET or a masked prompt)")
    String patName;

    @Option(names = "--format", paramLabel = "xml|json", description = "wire format (default: xml)")
    String format;

    @Option(names = "--api-version", paramLabel = "V", description = "pin the REST API version, e.g. 3.9 (default: the server's)")
    String apiVersion;

    @Option(names = "--postman-env", paramLabel = "FILE", description = "read settings from a Postman environment (\"Tableau Webhooks\")")
    String postmanEnv;

    @Option(names = "--cacert", paramLabel = "FILE.pem",
            description = "also trust the CA certificates in this PEM file (a server with your organisation's own CA, or self-signed)")
    String caCert;

    @Option(names = "--timeout", paramLabel = "SECONDS", defaultValue = "30", description = "total timeout of each request (default: ${DEFAULT-VALUE})")
    int timeoutSeconds = 30;

    boolean embedded() {
        return server == null;
    }

    /** What is wrong with these options, as one line, or null: a usage error (exit 2) before anything starts. */
    String problem() {
        try {
            settings();
            return null;
        } catch (IllegalArgumentException e) {
            return e.getMessage();
        }
    }

    /** Re-applies the options given on the command line over settings read from elsewhere. */
    void applyExplicit(Settings s) {
        Settings mine = settings();
        if (server != null) s.server(mine.server());
        if (site != null) s.site(site);
        if (user != null) s.user(user);
        if (patName != null) s.patName(patName);
        if (format != null) s.format(mine.format());
        if (apiVersion != null) s.version(mine.version());
        if (caCert != null) s.caCert(mine.caCert());
    }

    /** The settings these options describe; validated here so a bad value is a usage error, before anything starts. */
    Settings settings() {
        Settings s = new Settings();
        if (server != null) {
            URI uri = URI.create(server.replaceAll("/+$", ""));
            if (uri.getScheme() == null || uri.getHost() == null) {
                throw new IllegalArgumentException("--server needs a URL like https://10ay.online.tableau.com, not '" + server + "'");
            }
            s.server(uri);
        }
        if (site != null) s.site(site);
        if (user != null) s.user(user);
        if (patName != null) s.patName(patName);
        if (format != null) s.format(WireFormat.parse(format));
        if (apiVersion != null) s.version(ApiVersion.parse(apiVersion));
        if (caCert != null) {
            Path pem = Tilde.path(caCert);
            Tls.certificates(pem); // a missing or empty file is a usage error now, not a TLS failure later
            s.caCert(pem);
        }
        return s;
    }
}
