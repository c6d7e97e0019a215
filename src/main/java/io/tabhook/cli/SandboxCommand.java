package io.tabhook.cli;

import io.tabhook.client.ServerAddress;
import io.tabhook.sandbox.Demo;
import io.tabhook.sandbox.Faults;
import io.tabhook.sandbox.Sandbox;
import io.tabhook.sandbox.SandboxOptions;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.time.Duration;
import java.util.concurrent.Callable;

/** {@code tabhook sandbox}: runs the Tableau REST emulator until Ctrl-C. */
@Command(name = "sandbox", mixinStandardHelpOptions = true,
        description = "Run the Tableau REST sandbox (webhooks API, demo sites, event deliveries) until Ctrl-C.")
public class SandboxCommand extends ServingCommand implements Callable<Integer> {

    @Option(names = "--port", paramLabel = "N", description = "Port to listen on; 0 picks a free one (default: ${DEFAULT-VALUE}).")
    int port = 0;

    @Option(names = "--bind", paramLabel = "ADDR", description = "Address to listen on (default: ${DEFAULT-VALUE}).")
    String bind = "127.0.0.1";

    @Option(names = "--token-ttl", paramLabel = "MINUTES", converter = Converters.Minutes.class, defaultValue = "240",
            description = "Sign-in token lifetime in minutes (default: ${DEFAULT-VALUE}).")
    Duration tokenTtl;

    @Option(names = "--retry-backoff", paramLabel = "MS", converter = Converters.Millis.class, defaultValue = "200",
            description = "First retry delay of a failed delivery in ms; doubles per retry (default: ${DEFAULT-VALUE}).")
    Duration retryBackoff;

    @Spec
    CommandSpec spec;

    @Option(names = "--delivery-connect-timeout", paramLabel = "MS", converter = Converters.Millis.class, defaultValue = "5000",
            description = "How long a delivery may take to connect, in ms; Tableau Server's default (default: ${DEFAULT-VALUE}).")
    Duration deliveryConnectTimeout;

    @Option(names = "--delivery-read-timeout", paramLabel = "MS", converter = Converters.Millis.class, defaultValue = "3000",
            description = "How long a delivery may then wait for the answer, in ms; Tableau Server's default (default: ${DEFAULT-VALUE}).")
    Duration deliveryReadTimeout;

    @Option(names = "--delivery-queue", paramLabel = "N", defaultValue = "1000",
            description = "How many events may wait for one webhook behind the one being delivered; a newer one is "
                    + "dropped and logged (default: ${DEFAULT-VALUE}).")
    int deliveryQueueLimit;

    @Option(names = "--faults", paramLabel = "SPEC", converter = Converters.SandboxFaults.class,
            description = "Make Tableau's REST routes misbehave on purpose, each optional: "
                    + Faults.EXAMPLE + " (500/503, 429, tokens expiring, added latency, a proxy's HTML page, "
                    + "dropped connections; seed repeats a run).")
    Faults faults = Faults.OFF;

    @Option(names = "--moved-to", paramLabel = "URL", converter = Converters.ServerUrl.class,
            description = "Answer every REST call with a 301 to the same path on this server, as a Tableau site "
                    + "moved to another pod does (e.g. a second sandbox).")
    ServerAddress movedTo;

    @Override
    public Integer call() throws Exception {
        SandboxOptions options;
        try {
            options = SandboxOptions.defaults().withPort(port).withBind(bind).withTokenTtl(tokenTtl)
                    .withRetryBackoff(retryBackoff)
                    .withDeliveryConnectTimeout(deliveryConnectTimeout)
                    .withDeliveryReadTimeout(deliveryReadTimeout)
                    .withDeliveryQueueLimit(deliveryQueueLimit)
                    .withFaults(faults)
                    .withMovedTo(movedTo == null ? null : movedTo.server());
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), e.getMessage());
        }
        Sandbox sandbox;
        try {
            sandbox = Sandbox.start(options);
        } catch (java.io.IOException e) {
            // one line, as tabhook inbox says it: the port in use, or an address this machine does not have
            spec.commandLine().getErr().println("tabhook sandbox: " + io.tabhook.dsl.Failures.oneLine(e.getMessage()));
            spec.commandLine().getErr().flush();
            return 1;
        }
        serveUntilExit(sandbox, "sandbox-shutdown");
        String url = sandbox.baseUrl().toString();
        PrintWriter out = spec.commandLine().getOut();
        out.println("tabhook sandbox listening on " + url);
        out.println("  sites:  Default (contentUrl \"\") and " + Demo.WORKSHOP_SITE);
        out.println("  users:  " + Demo.ADMIN_USER + "/" + Demo.ADMIN_PASSWORD + " (server administrator), "
                + Demo.SITE_ADMIN_USER + "/" + Demo.SITE_ADMIN_PASSWORD + " (site administrator), "
                + Demo.VIEWER_USER + "/" + Demo.VIEWER_PASSWORD + " (viewer)");
        out.println("  token:  " + Demo.PAT_NAME + " / " + Demo.PAT_SECRET + " (personal access token of "
                + Demo.ADMIN_USER + ")");
        out.println("  sign in:");
        out.println("    curl -s -X POST " + url + "/api/3.9/auth/signin -H 'Content-Type: application/json' \\");
        out.println("      -H 'Accept: application/json' -d '{\"credentials\":{\"personalAccessTokenName\":\""
                + Demo.PAT_NAME + "\",\"personalAccessTokenSecret\":\"" + Demo.PAT_SECRET
                + "\",\"site\":{\"contentUrl\":\"" + Demo.WORKSHOP_SITE + "\"}}}'");
        out.println("  activity: curl -s -X POST " + url + "/sandbox/sites/" + Demo.WORKSHOP_SITE
                + "/activity -d '{\"event\":\"WorkbookCreated\",\"name\":\"Sales\"}'");
        out.println("  in a browser: " + url + "/sandbox shows the sites, webhooks and delivery timeline");
        if (movedTo != null) {
            out.println("  moved:  every REST call is answered 301 to " + movedTo.server() + " (same path)");
        }
        if (!sandbox.faults().off()) {
            out.println("  faults: " + sandbox.faults() + " (on Tableau's REST routes; "
                    + "the same seed repeats the same faults)");
        }
        out.println("Ctrl-C stops it.");
        out.flush();
        return 0;
    }
}
