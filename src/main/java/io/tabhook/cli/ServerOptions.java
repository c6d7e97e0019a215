package io.tabhook.cli;

import io.tabhook.api.ApiVersion;
import io.tabhook.api.WireFormat;
import io.tabhook.client.Retries;
import io.tabhook.client.ServerAddress;
import io.tabhook.sandbox.Faults;
import io.tabhook.session.Settings;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.time.Duration;

/**
 * The options that say where to work (the server, and the relay deliveries come through), shared by the shell,
 * {@code -e}, {@code run} and a FILE; declared once.
 */
public class ServerOptions {
    @Option(names = "--server", paramLabel = "URL", converter = Converters.ServerUrl.class,
            description = "Tableau Server or Cloud base URL, or a site's address as the browser shows it "
                    + "(https://10ax.online.tableau.com/#/site/NAME/home: the site too) (default: the embedded sandbox)")
    ServerAddress server;

    @Option(names = "--site", paramLabel = "NAME", description = "site contentUrl ('' = Default site; "
            + "default: the one a browser address in --server names)")
    String site;

    @Option(names = "--user", paramLabel = "U", description = "user name for password sign-in (password from TABLEAU_PASSWORD or a masked prompt)")
    String user;

    @Option(names = "--pat-name", paramLabel = "N", description = "personal access token name (secret from TABLEAU_PAT_SECRET or a masked prompt)")
    String patName;

    @Option(names = "--format", paramLabel = "xml|json", converter = Converters.Format.class, description = "wire format (default: xml)")
    WireFormat format;

    @Option(names = "--api-version", paramLabel = "V", converter = Converters.Version.class,
            description = "pin the REST API version, e.g. 3.9 (default: the server's)")
    ApiVersion apiVersion;

    @Option(names = "--postman-env", paramLabel = "FILE", description = "read settings from a Postman environment (\"Tableau Webhooks\")")
    Path postmanEnv;

    @Option(names = "--cacert", paramLabel = "FILE.pem", converter = Converters.PemFile.class,
            description = "also trust the CA certificates in this PEM file (a server with your organisation's own CA, or self-signed)")
    Path caCert;

    @Option(names = "--timeout", paramLabel = "SECONDS", converter = Converters.Seconds.class, defaultValue = "30",
            description = "total timeout of each request (default: ${DEFAULT-VALUE})")
    Duration timeout = Duration.ofSeconds(30);

    @Option(names = "--retry-for", paramLabel = "SECONDS", converter = Converters.SecondsOrNone.class,
            defaultValue = "60", description = "how long a call the server cannot answer now (429, 5xx, a dropped "
            + "connection) is tried again, 0 for never (default: ${DEFAULT-VALUE})")
    Duration retryFor = Duration.ofSeconds(60);

    @Option(names = "--faults", paramLabel = "SPEC", converter = Converters.SandboxFaults.class,
            description = "the embedded sandbox's REST routes misbehave on purpose, each optional: " + Faults.EXAMPLE
                    + " (as tabhook sandbox --faults; in the DSL sandbox.faults)")
    Faults faults;

    @Mixin
    RelayOptions relay = new RelayOptions();

    boolean embedded() {
        return server == null;
    }

    /** {@code --faults} only makes sense for the embedded sandbox: with {@code --server} it is a usage error. */
    void check(picocli.CommandLine commandLine) {
        if (faults != null && server != null) {
            throw new picocli.CommandLine.ParameterException(commandLine, "--faults makes the embedded sandbox "
                    + "misbehave, and with --server there is none; run `tabhook sandbox --faults …` and give its "
                    + "address to --server");
        }
    }

    /** The settings these options describe. */
    Settings settings() {
        return applyTo(new Settings());
    }

    /** Sets what was given on the command line over {@code s} (which may come from elsewhere: the command line wins). */
    Settings applyTo(Settings s) {
        if (server != null) s.server(server.server());
        if (site != null) {
            s.site(site);
        } else if (server != null && server.site() != null) {
            s.site(server.site());
        }
        if (user != null) s.user(user);
        if (patName != null) s.patName(patName);
        if (format != null) s.format(format);
        if (apiVersion != null) s.version(apiVersion);
        if (caCert != null) s.caCert(caCert);
        s.retries(Retries.within(retryFor));
        return s;
    }
}
